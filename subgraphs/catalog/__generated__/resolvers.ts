import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ProductRow as ProductRowModel, CategoryRow as CategoryRowModel } from '../db/schema';
import type { ProductConnectionModel as ProductConnectionModelModel, ProductPayloadModel as ProductPayloadModelModel, ProductEdgeModel as ProductEdgeModelModel } from '../models';
import type { UserError as UserErrorModel } from '../../../lib/user-error';
import type { CatalogContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
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

/** A node in the category tree, e.g. Electronics › Audio › Headphones. */
export type Category = {
  __typename?: 'Category';
  /** The categories directly below this one, ordered by name. */
  children: Array<Category>;
  /** The category's unique id. */
  id: Scalars['ID']['output'];
  /** The category's display name. */
  name: Scalars['String']['output'];
  /** The category above this one; null for a top-level category. */
  parent?: Maybe<Category>;
  /** Products listed in this category or any category below it, newest first. */
  products: ProductConnection;
  /** The category's unique URL slug. */
  slug: Scalars['String']['output'];
};


/** A node in the category tree, e.g. Electronics › Audio › Headphones. */
export type CategoryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A product to list. */
export type CreateProductInput = {
  /** The category to list it in. */
  categoryId: Scalars['ID']['input'];
  /** Description, at most 5,000 characters. */
  description: Scalars['String']['input'];
  /** Display name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Unit price. */
  price: MoneyInput;
  /** Unique stock keeping unit: 1–40 of A–Z, 0–9 and `-`. */
  sku: Scalars['String']['input'];
  /** Shipping weight in grams, 1 to 1,000,000. */
  weightGrams: Scalars['Int']['input'];
};

/** An amount of money in minor units of its currency (cents for USD); never a float. */
export type Money = {
  __typename?: 'Money';
  /** The amount in minor units, e.g. 1999 for $19.99. */
  amount: Scalars['Int']['output'];
  /** ISO-4217 currency code, e.g. `USD`. */
  currency: Scalars['String']['output'];
};

/** An amount of money to set, in minor units of its currency. */
export type MoneyInput = {
  /** The amount in minor units, e.g. 1999 for $19.99; more than zero. */
  amount: Scalars['Int']['input'];
  /** ISO-4217 currency code; Mercato sells in `USD`. */
  currency?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Lists a new product. Admins only. Expected failures are `errors`: `INVALID_SKU`, `SKU_TAKEN`,
   * `INVALID_NAME`, `INVALID_DESCRIPTION`, `INVALID_PRICE`, `UNSUPPORTED_CURRENCY`,
   * `INVALID_WEIGHT`, `UNKNOWN_CATEGORY`.
   */
  createProduct: ProductPayload;
  /**
   * Changes a product; fields left out keep their value. Admins only. Expected failures are
   * `errors`: those of createProduct, and `NOT_FOUND` for an unknown id.
   */
  updateProduct: ProductPayload;
};


/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type MutationCreateProductArgs = {
  input: CreateProductInput;
};


/**
 * Changes to Mercato's data. Expected failures come back as `errors` in each payload, never as
 * GraphQL errors.
 */
export type MutationUpdateProductArgs = {
  input: UpdateProductInput;
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
  /** The category the product is listed in. */
  category: Category;
  /** When the product was first listed. */
  createdAt: Scalars['DateTime']['output'];
  /** A paragraph describing the product. */
  description: Scalars['String']['output'];
  /** The product's unique id. */
  id: Scalars['ID']['output'];
  /** The product's display name. */
  name: Scalars['String']['output'];
  /** The current unit price. */
  price: Money;
  /** The product's unique stock keeping unit. */
  sku: Scalars['String']['output'];
  /** The shipping weight in grams. */
  weightGrams: Scalars['Int']['output'];
};

/** A page of products. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  /** The products of this page, each with its cursor. */
  edges: Array<ProductEdge>;
  /** The products of this page. */
  nodes: Array<Product>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many products the whole list holds (all pages). */
  totalCount: Scalars['Int']['output'];
};

/** A product and its position in a list. */
export type ProductEdge = {
  __typename?: 'ProductEdge';
  /** An opaque position to continue after. */
  cursor: Scalars['String']['output'];
  /** The product. */
  node: Product;
};

/** Conditions on a product listing; every given condition must hold. */
export type ProductFilter = {
  /** Only products in this category or any category below it. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Only products costing at most this many minor units. */
  maxPrice?: InputMaybe<Scalars['Int']['input']>;
  /** Only products costing at least this many minor units. */
  minPrice?: InputMaybe<Scalars['Int']['input']>;
  /** Only products whose name or description contains this text (case-insensitive, 1–100 characters). */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** The order of a product listing. Ties are broken by id, so every order is stable. */
export type ProductOrder =
  /** Alphabetical by name. */
  | 'NAME'
  /** Most recently listed first. */
  | 'NEWEST'
  /** Cheapest first. */
  | 'PRICE_ASC'
  /** Most expensive first. */
  | 'PRICE_DESC';

/** The outcome of a product mutation: the product as saved, or why not. */
export type ProductPayload = {
  __typename?: 'ProductPayload';
  /** Why the change was not made; empty on success. */
  errors: Array<UserError>;
  /** The product after the change; null when `errors` is not empty. */
  product?: Maybe<Product>;
};

export type Query = {
  __typename?: 'Query';
  /** Every category, ordered by name. Use `parent` and `children` to walk the tree. */
  categories: Array<Category>;
  /** One category by its id or by its slug (give exactly one). Null when there is none. */
  category?: Maybe<Category>;
  /** One product by its id or by its SKU (give exactly one). Null when there is none. */
  product?: Maybe<Product>;
  /**
   * Products, newest first unless `orderBy` says otherwise, narrowed by `filter`.
   * Keyset-paginated: pass `pageInfo.endCursor` as `after` for the next page.
   */
  products: ProductConnection;
  /**
   * Products by SKU, in the order given: the product with each SKU, or null where there is none.
   * At most 100 SKUs per call; more is a `BAD_USER_INPUT` error.
   */
  productsBySku: Array<Maybe<Product>>;
};


export type QueryCategoriesArgs = {
  rootsOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryCategoryArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryProductArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  sku?: InputMaybe<Scalars['String']['input']>;
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ProductOrder>;
};


export type QueryProductsBySkuArgs = {
  skus: Array<Scalars['String']['input']>;
};

/** Changes to a product; every field but `id` is optional. */
export type UpdateProductInput = {
  /** A new category. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** A new description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The product to change. */
  id: Scalars['ID']['input'];
  /** A new display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new unit price. */
  price?: InputMaybe<MoneyInput>;
  /** A new unique SKU. */
  sku?: InputMaybe<Scalars['String']['input']>;
  /** A new shipping weight in grams. */
  weightGrams?: InputMaybe<Scalars['Int']['input']>;
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
  Category: Category;
  Product: Product;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Category:
    ( { __typename: 'Category' }
    & GraphQLRecursivePick<FederationTypes['Category'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & ( GraphQLRecursivePick<FederationTypes['Product'], {"id":true}>
        | GraphQLRecursivePick<FederationTypes['Product'], {"sku":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Category: ResolverTypeWrapper<CategoryRowModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CreateProductInput: CreateProductInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Product: ResolverTypeWrapper<ProductRowModel>;
  ProductConnection: ResolverTypeWrapper<ProductConnectionModelModel>;
  ProductEdge: ResolverTypeWrapper<ProductEdgeModelModel>;
  ProductFilter: ProductFilter;
  ProductOrder: ProductOrder;
  ProductPayload: ResolverTypeWrapper<ProductPayloadModelModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateProductInput: UpdateProductInput;
  UserError: ResolverTypeWrapper<UserErrorModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Category: CategoryRowModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  CreateProductInput: CreateProductInput;
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Product: ProductRowModel;
  ProductConnection: ProductConnectionModelModel;
  ProductEdge: ProductEdgeModelModel;
  ProductFilter: ProductFilter;
  ProductPayload: ProductPayloadModelModel;
  Query: Record<PropertyKey, never>;
  UpdateProductInput: UpdateProductInput;
  UserError: UserErrorModel;
};

export type CategoryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'], FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Category']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<CategoryProductsArgs, 'first'>>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createProduct?: Resolver<ResolversTypes['ProductPayload'], ParentType, ContextType, RequireFields<MutationCreateProductArgs, 'input'>>;
  updateProduct?: Resolver<ResolversTypes['ProductPayload'], ParentType, ContextType, RequireFields<MutationUpdateProductArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProductResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  category?: Resolver<ResolversTypes['Category'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weightGrams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type ProductPayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductPayload'] = ResolversParentTypes['ProductPayload']> = {
  errors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType, RequireFields<QueryCategoriesArgs, 'rootsOnly'>>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType, Partial<QueryCategoryArgs>>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, Partial<QueryProductArgs>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QueryProductsArgs, 'first' | 'orderBy'>>;
  productsBySku?: Resolver<Array<Maybe<ResolversTypes['Product']>>, ParentType, ContextType, RequireFields<QueryProductsBySkuArgs, 'skus'>>;
};

export type UserErrorResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CatalogContext> = {
  Category?: CategoryResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  ProductPayload?: ProductPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

