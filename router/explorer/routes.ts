import type { RouteHandler } from '../../lib/http';
import { assetsPath, explorerAssets } from './assets';

/**
 * Serves the explorer's files under `assetsPath` (GET and HEAD). Any other path, a name that is
 * not one of the files and any other method pass on (to the router's 404).
 */
export const explorerRoutes: RouteHandler = async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (!pathname.startsWith(assetsPath) || (req.method !== 'GET' && req.method !== 'HEAD'))
    return false;
  const asset = (await explorerAssets()).get(pathname.slice(assetsPath.length));
  if (!asset) return false;
  res.writeHead(200, {
    'content-type': asset.contentType,
    'content-length': asset.body.length,
    // The path holds the package's version: these bytes never change under it.
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
  return true;
};
