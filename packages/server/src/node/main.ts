/**
 * `nazar-server start`: environment → store → seed → one HTTP server (API, widgets, demo).
 * SIGTERM/SIGINT drain in-flight requests, close the database and exit 0.
 */
import { ConfigError, readConfig } from '../config/config.js';
import { readOpsConfig } from '../config/ops.js';
import { readVoteConfig } from '../config/votes.js';
import { createNodeServer } from './server.js';
import { seedDemoContent } from '../demo/seed.js';
import { describeDatabase, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

async function main(): Promise<void> {
  let config;
  try {
    config = { ...readConfig(process.env), ...readVoteConfig(process.env), ...readOpsConfig(process.env) };
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`nazar: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }

  let store: Store;
  try {
    store = await openStore(config.database);
  } catch (err) {
    console.error(`nazar: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  if (config.seed) await seedDemoContent(store);

  let server;
  try {
    server = await createNodeServer({
      store,
      port: config.port,
      host: config.host,
      allowedOrigins: config.allowedOrigins,
      adminToken: config.adminToken,
      voteRateLimit: config.voteRateLimit,
      submitRateLimit: config.submitRateLimit,
      voterRateLimit: config.voterRateLimit,
      trustProxy: config.trustProxy,
    });
  } catch (err) {
    await store.close();
    console.error(`nazar: cannot listen on ${config.host}:${config.port}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal }));
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`nazar: error while shutting down: ${err instanceof Error ? err.stack : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  console.log(`nazar listening on ${server.url}`);
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      level: 'info',
      msg: 'started',
      url: server.url,
      database: describeDatabase(config.database),
      pid: process.pid,
    }),
  );
  console.log(
    config.adminToken === null
      ? 'nazar: admin API disabled (set NAZAR_ADMIN_TOKEN, or make tokens with: nazar-server token create)'
      : 'nazar: admin API enabled at /v1/admin/* (Bearer token from NAZAR_ADMIN_TOKEN)',
  );
}

await main();
