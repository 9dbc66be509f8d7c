import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRow as OrderRowModel, OrderLineRow as OrderLineRowModel } from '../db/schema';
import type { OrderConnectionModel as OrderConnectionModelModel, OrderEdgeModel as OrderEdgeModelModel } from '../models';
import type { EntityRef as EntityRefModel } from '../../../lib/federation';
import type { OrdersContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, as an ISO-8601 string in UTC with millisecond precision. */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** The answer to cancelOrder. */
export type CancelOrderPayload = {
  __typename?: 'CancelOrderPayload';
  /** Why the order was not cancelled; empty on success. */
  errors: Array<UserError>;
  /** The order after the change; null when `errors` is not empty. */
  order?: Maybe<Order>;
};

/** An amount of money in minor units of its currency (cents for USD); never a float. */
export type Money = {
  __typename?: 'Money';
  /** The amount in minor units, e.g. 1999 for $19.99. */
  amount: Scalars['Int']['output'];
  /** ISO-4217 currency code, e.g. `USD`. */
  currency: Scalars['String']['output'];
};

/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Cancels a PENDING or CONFIRMED order of the signed-in user (admins: anyone's) and returns its
   * stock, once, however often it is called; cancelling a cancelled order returns it unchanged.
   * Expected failures are `errors`: `NOT_FOUND` (no such order), `NOT_CANCELLABLE` (it was
   * rejected).
   */
  cancelOrder: CancelOrderPayload;
  /**
   * Places an order for the signed-in user: prices are taken from the catalog now, stock is held,
   * and the order comes back CONFIRMED — or REJECTED, with `errors` naming the line that could
   * not be filled. Retrying with the same `idempotencyKey` and the same lines returns the same
   * order (however the first call ended, even while it is still running), never a second one.
   * An order that comes back PENDING is recorded and will be settled shortly (its stock could
   * not be confirmed yet); ask `order(id)` or retry with the same key.
   * Expected failures are `errors`: `INVALID_IDEMPOTENCY_KEY`, `IDEMPOTENCY_KEY_REUSED` (the key
   * was used with other lines), and on a REJECTED order `NO_LINES`, `TOO_MANY_LINES`,
   * `INVALID_QUANTITY`, `DUPLICATE_PRODUCT`, `UNKNOWN_PRODUCT`, `TOTAL_TOO_LARGE`, `OUT_OF_STOCK`,
   * and `STOCK_UNAVAILABLE` (inventory could not be reached for 15 minutes).
   */
  placeOrder: PlaceOrderPayload;
};


/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};

/** A purchase of one or more products by a user. */
export type Order = {
  __typename?: 'Order';
  /** The user who placed the order. */
  buyer: User;
  /** The order's unique id. */
  id: Scalars['ID']['output'];
  /** What was ordered, in the order it was listed. */
  lines: Array<OrderLine>;
  /** When the order was placed. */
  placedAt: Scalars['DateTime']['output'];
  /** Where the order stands. */
  status: OrderStatus;
  /** The sum of the lines at the prices of placement. */
  total: Money;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page, each with its cursor. */
  edges: Array<OrderEdge>;
  /** The orders of this page. */
  nodes: Array<Order>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many orders the whole list holds (all pages). */
  totalCount: Scalars['Int']['output'];
};

/** An order and its position in a list. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** An opaque position to continue after. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** One product of an order, at the price it had when the order was placed. */
export type OrderLine = {
  __typename?: 'OrderLine';
  /** quantity × unitPrice. */
  lineTotal: Money;
  /** The product ordered. */
  product: Product;
  /** How many units. */
  quantity: Scalars['Int']['output'];
  /** The unit price at placement (later price changes do not affect it). */
  unitPrice: Money;
};

/** One product of an order to place. */
export type OrderLineInput = {
  /** The product to order. */
  productId: Scalars['ID']['input'];
  /** How many units, 1 to 100. */
  quantity: Scalars['Int']['input'];
};

/** Where an order stands. */
export type OrderStatus =
  /** Cancelled by the buyer or an admin; its stock was returned. */
  | 'CANCELLED'
  /** Stock is reserved and the order will be fulfilled. */
  | 'CONFIRMED'
  /** Recorded; stock is being reserved. */
  | 'PENDING'
  /** Could not be filled (e.g. out of stock); nothing is reserved for it. */
  | 'REJECTED';

/** Where a page of a connection ends and whether more follow. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge of this page; pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether a further page exists after this one. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether this page was asked for with a cursor (it does not start the list). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first edge of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What to order. */
export type PlaceOrderInput = {
  /**
   * A key the client makes up for this order (e.g. a UUID), 1–128 printable characters; scoped
   * to the user. Send the same key when retrying the same request.
   */
  idempotencyKey: Scalars['String']['input'];
  /** The products and quantities, 1 to 50 lines, each product at most once. */
  lines: Array<OrderLineInput>;
};

/** The answer to placeOrder. */
export type PlaceOrderPayload = {
  __typename?: 'PlaceOrderPayload';
  /** Why the order was rejected or not recorded; empty otherwise. */
  errors: Array<UserError>;
  /**
   * The order: CONFIRMED, REJECTED (see `errors`) or PENDING (settling). Null only when the
   * request could not be recorded at all (`INVALID_IDEMPOTENCY_KEY`, `IDEMPOTENCY_KEY_REUSED`).
   */
  order?: Maybe<Order>;
};

/** Something for sale in the marketplace. */
export type Product = {
  __typename?: 'Product';
  /** The product's unique id. */
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One order by id; null when there is none. */
  order?: Maybe<Order>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};

/** A person with an account: a buyer, a reviewer, or an administrator. */
export type User = {
  __typename?: 'User';
  /** The user's unique id. */
  id: Scalars['ID']['output'];
  /**
   * The user's orders, most recent first. Visible to the user and to admins only.
   * Null (with an error) when not visible or when orders cannot be reached.
   */
  orders?: Maybe<OrderConnection>;
};


/** A person with an account: a buyer, a reviewer, or an administrator. */
export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** An expected failure of a mutation, to show the person who made the request. */
export type UserError = {
  __typename?: 'UserError';
  /** A stable, machine-readable reason, e.g. `EMAIL_TAKEN` or `SKU_TAKEN`; each mutation lists its codes. */
  code: Scalars['String']['output'];
  /** The input field the error is about (e.g. `email`); null when it concerns the input as a whole. */
  field?: Maybe<Scalars['String']['output']>;
  /** A human-readable explanation, in English. */
  message: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Order: Order;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CancelOrderPayload: ResolverTypeWrapper<Omit<CancelOrderPayload, 'order'> & { order?: Maybe<ResolversTypes['Order']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Order: ResolverTypeWrapper<OrderRowModel>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionModelModel>;
  OrderEdge: ResolverTypeWrapper<OrderEdgeModelModel>;
  OrderLine: ResolverTypeWrapper<OrderLineRowModel>;
  OrderLineInput: OrderLineInput;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PlaceOrderInput: PlaceOrderInput;
  PlaceOrderPayload: ResolverTypeWrapper<Omit<PlaceOrderPayload, 'order'> & { order?: Maybe<ResolversTypes['Order']> }>;
  Product: ResolverTypeWrapper<EntityRefModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<EntityRefModel>;
  UserError: ResolverTypeWrapper<UserError>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CancelOrderPayload: Omit<CancelOrderPayload, 'order'> & { order?: Maybe<ResolversParentTypes['Order']> };
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Order: OrderRowModel;
  OrderConnection: OrderConnectionModelModel;
  OrderEdge: OrderEdgeModelModel;
  OrderLine: OrderLineRowModel;
  OrderLineInput: OrderLineInput;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PlaceOrderInput: PlaceOrderInput;
  PlaceOrderPayload: Omit<PlaceOrderPayload, 'order'> & { order?: Maybe<ResolversParentTypes['Order']> };
  Product: EntityRefModel;
  Query: Record<PropertyKey, never>;
  User: EntityRefModel;
  UserError: UserError;
};

export type CancelOrderPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['CancelOrderPayload'] = ResolversParentTypes['CancelOrderPayload']> = {
  errors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelOrder?: Resolver<ResolversTypes['CancelOrderPayload'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  placeOrder?: Resolver<ResolversTypes['PlaceOrderPayload'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
};

export type OrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  buyer?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Order']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = {
  lineTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PlaceOrderPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PlaceOrderPayload'] = ResolversParentTypes['PlaceOrderPayload']> = {
  errors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
};

export type ProductResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
};

export type UserResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, RequireFields<UserOrdersArgs, 'first'>>;
};

export type UserErrorResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = OrdersContext> = {
  CancelOrderPayload?: CancelOrderPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PlaceOrderPayload?: PlaceOrderPayloadResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

