import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ReviewRow as ReviewRowModel } from '../db/schema';
import type { ReviewConnectionModel as ReviewConnectionModelModel, ReviewEdgeModel as ReviewEdgeModelModel, RatingSummaryModel as RatingSummaryModelModel } from '../models';
import type { EntityRef as EntityRefModel } from '../../../lib/federation';
import type { ReviewsContext } from '../context';
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

/** A review to write. */
export type AddReviewInput = {
  /** What the author has to say: 1 to 4,000 characters after trimming surrounding spaces. */
  body: Scalars['String']['input'];
  /** The product to review. */
  productId: Scalars['ID']['input'];
  /** Stars, a whole number from 1 (poor) to 5 (excellent). */
  rating: Scalars['Int']['input'];
};

/** The outcome of addReview: the review as saved, or why not. */
export type AddReviewPayload = {
  __typename?: 'AddReviewPayload';
  /** Why the review was not saved; empty on success. */
  errors: Array<UserError>;
  /** The new review; null when `errors` is not empty. */
  review?: Maybe<Review>;
};

/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Reviews a product as the signed-in user, who may review each product once; the product's
   * `rating` and `reviews` include the review at once. Signed-in users only. Expected failures are
   * `errors`: `INVALID_RATING`, `INVALID_BODY`, `UNKNOWN_PRODUCT`, `ALREADY_REVIEWED`. When the
   * product cannot be checked because catalog is unreachable, the result is a
   * `SERVICE_UNAVAILABLE` error and nothing is saved.
   */
  addReview: AddReviewPayload;
};


/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type MutationAddReviewArgs = {
  input: AddReviewInput;
};

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

/** Something for sale in the marketplace. */
export type Product = {
  __typename?: 'Product';
  /** The product's unique id. */
  id: Scalars['ID']['output'];
  /** The product's average rating and review count. Null (with an error) only when reviews cannot be reached. */
  rating?: Maybe<RatingSummary>;
  /** Reviews of the product, newest first. Null (with an error) only when reviews cannot be reached. */
  reviews?: Maybe<ReviewConnection>;
};


/** Something for sale in the marketplace. */
export type ProductReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One review by id; null when there is none. */
  review?: Maybe<Review>;
};


export type QueryReviewArgs = {
  id: Scalars['ID']['input'];
};

/** The average rating of a product and how many reviews it rests on. */
export type RatingSummary = {
  __typename?: 'RatingSummary';
  /** The mean rating from 1 to 5; null when the product has no reviews. */
  average?: Maybe<Scalars['Float']['output']>;
  /** How many reviews the product has. */
  count: Scalars['Int']['output'];
};

/** A user's rating and opinion of a product. A user reviews a product at most once. */
export type Review = {
  __typename?: 'Review';
  /** The user who wrote the review. */
  author: User;
  /** What the author wrote. */
  body: Scalars['String']['output'];
  /** When the review was written. */
  createdAt: Scalars['DateTime']['output'];
  /** The review's unique id. */
  id: Scalars['ID']['output'];
  /** The product reviewed. */
  product: Product;
  /** Stars from 1 (poor) to 5 (excellent). */
  rating: Scalars['Int']['output'];
};

/** A page of reviews. */
export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  /** The reviews of this page, each with its cursor. */
  edges: Array<ReviewEdge>;
  /** The reviews of this page. */
  nodes: Array<Review>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many reviews the whole list holds (all pages). */
  totalCount: Scalars['Int']['output'];
};

/** A review and its position in a list. */
export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  /** An opaque position to continue after. */
  cursor: Scalars['String']['output'];
  /** The review. */
  node: Review;
};

/** A person with an account: a buyer, a reviewer, or an administrator. */
export type User = {
  __typename?: 'User';
  /** The user's unique id. */
  id: Scalars['ID']['output'];
  /** Reviews the user wrote, newest first. Null (with an error) only when reviews cannot be reached. */
  reviews?: Maybe<ReviewConnection>;
};


/** A person with an account: a buyer, a reviewer, or an administrator. */
export type UserReviewsArgs = {
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
  Product: Product;
  Review: Review;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  Review:
    ( { __typename: 'Review' }
    & GraphQLRecursivePick<FederationTypes['Review'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddReviewInput: AddReviewInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AddReviewPayload: ResolverTypeWrapper<Omit<AddReviewPayload, 'review'> & { review?: Maybe<ResolversTypes['Review']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Product: ResolverTypeWrapper<EntityRefModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RatingSummary: ResolverTypeWrapper<RatingSummaryModelModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Review: ResolverTypeWrapper<ReviewRowModel>;
  ReviewConnection: ResolverTypeWrapper<ReviewConnectionModelModel>;
  ReviewEdge: ResolverTypeWrapper<ReviewEdgeModelModel>;
  User: ResolverTypeWrapper<EntityRefModel>;
  UserError: ResolverTypeWrapper<UserError>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddReviewInput: AddReviewInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AddReviewPayload: Omit<AddReviewPayload, 'review'> & { review?: Maybe<ResolversParentTypes['Review']> };
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Product: EntityRefModel;
  Query: Record<PropertyKey, never>;
  RatingSummary: RatingSummaryModelModel;
  Float: Scalars['Float']['output'];
  Review: ReviewRowModel;
  ReviewConnection: ReviewConnectionModelModel;
  ReviewEdge: ReviewEdgeModelModel;
  User: EntityRefModel;
  UserError: UserError;
};

export type AddReviewPayloadResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['AddReviewPayload'] = ResolversParentTypes['AddReviewPayload']> = {
  errors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  review?: Resolver<Maybe<ResolversTypes['Review']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addReview?: Resolver<ResolversTypes['AddReviewPayload'], ParentType, ContextType, RequireFields<MutationAddReviewArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProductResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rating?: Resolver<Maybe<ResolversTypes['RatingSummary']>, ParentType, ContextType>;
  reviews?: Resolver<Maybe<ResolversTypes['ReviewConnection']>, ParentType, ContextType, RequireFields<ProductReviewsArgs, 'first'>>;
};

export type QueryResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  review?: Resolver<Maybe<ResolversTypes['Review']>, ParentType, ContextType, RequireFields<QueryReviewArgs, 'id'>>;
};

export type RatingSummaryResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['RatingSummary'] = ResolversParentTypes['RatingSummary']> = {
  average?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReviewResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'], FederationReferenceType extends FederationReferenceTypes['Review'] = FederationReferenceTypes['Review']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Review']> | FederationReferenceType, FederationReferenceType, ContextType>;
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReviewConnectionResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['ReviewConnection'] = ResolversParentTypes['ReviewConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ReviewEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Review']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReviewEdgeResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['ReviewEdge'] = ResolversParentTypes['ReviewEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Review'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reviews?: Resolver<Maybe<ResolversTypes['ReviewConnection']>, ParentType, ContextType, RequireFields<UserReviewsArgs, 'first'>>;
};

export type UserErrorResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ReviewsContext> = {
  AddReviewPayload?: AddReviewPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RatingSummary?: RatingSummaryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ReviewConnection?: ReviewConnectionResolvers<ContextType>;
  ReviewEdge?: ReviewEdgeResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

