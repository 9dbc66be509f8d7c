import type { UserRow } from './db/schema';

/**
 * What User resolvers receive: a row, marked when signUp or logIn has just authenticated this
 * user. The caller proved who they are in this very request but carries no token yet, so the
 * payload's `user { email }` must not be refused as anonymous. Rows from loaders (and so from
 * `_entities`) never carry the mark.
 */
export type UserModel = UserRow & { authenticatedHere?: true };
