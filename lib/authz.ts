import { GraphQLError } from 'graphql';
import type { Viewer } from './identity';

export const ADMIN = 'ADMIN';

export function isAdmin(viewer: Viewer): boolean {
  return viewer.roles.includes(ADMIN);
}

export function unauthenticated(message = 'Sign in to see this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message = 'You may not see this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** A signed-in user's id; anonymous callers and partners (who are not users) are refused. */
export function requireUser(viewer: Viewer): number {
  if (viewer.userId !== null) return viewer.userId;
  throw viewer.partnerId !== null ? forbidden('Partners may not see this') : unauthenticated();
}

/** What belongs to a user is for that user and for admins only. */
export function requireSelfOrAdmin(viewer: Viewer, ownerId: number): void {
  const userId = requireUser(viewer);
  if (userId !== ownerId && !isAdmin(viewer)) throw forbidden();
}

export function requireAdmin(viewer: Viewer): void {
  requireUser(viewer);
  if (!isAdmin(viewer)) throw forbidden('Only admins may do this');
}
