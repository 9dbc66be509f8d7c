/**
 * Node's arguments that serve the committed supergraph with Hive Gateway's CLI and the config at
 * `configPath` (relative to the repository root, the working directory): one worker, configs
 * loaded through tsx. The test and the benchmark start Hive Gateway the same way.
 */
export function hiveGatewayArgs(configPath: string): string[] {
  return [
    '--import',
    'tsx',
    'node_modules/@graphql-hive/gateway/dist/bin.js',
    'supergraph',
    '--fork',
    '1',
    '-c',
    configPath,
  ];
}
