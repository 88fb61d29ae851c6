import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseAdminToken, parseAllowedOrigins, parseDatabaseUrl, readConfig } from './config.js';

describe('config from the environment', () => {
  it('has defaults that serve the demo from this machine', () => {
    assert.deepEqual(readConfig({}), {
      port: 8787,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: './data/nazar.db' },
      allowedOrigins: ['http://127.0.0.1:8787', 'http://localhost:8787'],
      adminToken: null,
      seed: true,
    });
    assert.equal(readConfig({ NAZAR_SEED: 'false' }).seed, false);
    assert.throws(() => readConfig({ NAZAR_SEED: 'maybe' }), /NAZAR_SEED/);
    assert.deepEqual(readConfig({ NAZAR_PORT: '9000', NAZAR_ALLOWED_ORIGINS: ' ' }).allowedOrigins, [
      'http://127.0.0.1:9000',
      'http://localhost:9000',
    ]);
  });

  it('reads the database URL', () => {
    assert.deepEqual(parseDatabaseUrl('memory:'), { kind: 'memory' });
    assert.deepEqual(parseDatabaseUrl('sqlite:var/nazar.db'), { kind: 'sqlite', path: 'var/nazar.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite:///srv/nazar/nazar.db'), { kind: 'sqlite', path: '/srv/nazar/nazar.db' });
    assert.throws(() => parseDatabaseUrl('sqlite:'), ConfigError);
    assert.deepEqual(parseDatabaseUrl('postgres://nazar:secret@db:5432/nazar'), {
      kind: 'postgres',
      url: 'postgres://nazar:secret@db:5432/nazar',
    });
    assert.deepEqual(parseDatabaseUrl('postgresql://db/nazar').kind, 'postgres');
    assert.throws(() => parseDatabaseUrl('mysql://db/nazar'), /unknown scheme/);
    assert.throws(() => parseDatabaseUrl('./nazar.db'), /unknown scheme/);
  });

  it('reads allowed origins exactly', () => {
    assert.deepEqual(parseAllowedOrigins('https://a.example, https://b.example:8443/,https://a.example'), [
      'https://a.example',
      'https://b.example:8443',
    ]);
    assert.throws(() => parseAllowedOrigins('a.example'), ConfigError);
    assert.throws(() => parseAllowedOrigins('https://a.example/path'), ConfigError);
    assert.throws(() => parseAllowedOrigins('ftp://a.example'), ConfigError);
  });

  it('refuses a bad port', () => {
    for (const port of ['http', '-1', '70000', '80.5']) assert.throws(() => readConfig({ NAZAR_PORT: port }), ConfigError, port);
    assert.equal(readConfig({ NAZAR_PORT: '0' }).port, 0);
  });

  it('reads the admin token: blank disables, short or spaced tokens are refused', () => {
    assert.equal(readConfig({ NAZAR_ADMIN_TOKEN: '  ' }).adminToken, null);
    assert.equal(parseAdminToken(undefined), null);
    assert.equal(readConfig({ NAZAR_ADMIN_TOKEN: ' 0123456789abcdef ' }).adminToken, '0123456789abcdef');
    assert.throws(() => readConfig({ NAZAR_ADMIN_TOKEN: 'short' }), /at least 16/);
    assert.throws(() => parseAdminToken('0123456789 abcdef'), ConfigError);
    assert.throws(() => parseAdminToken('۰۱۲۳۴۵۶۷۸۹abcdefgh'), ConfigError);
  });
});
