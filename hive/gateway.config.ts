/**
 * `npx hive-gateway supergraph -c hive/gateway.config.ts`: Mercato on Hive Gateway, with the
 * router's environment (README, "Serving with Hive Gateway").
 */
import { mercatoGatewayConfig } from './config';

export const gatewayConfig = mercatoGatewayConfig();
