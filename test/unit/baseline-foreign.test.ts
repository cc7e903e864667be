import { describe, expect, it } from 'vitest';
import { objectId, type SnapshotObject } from '../../src/introspect/snapshot-types.js';
import { SnapshotIndex } from '../../src/baseline/snapshot-index.js';
import { renderForeignServer, renderForeignTable, renderUserMapping } from '../../src/baseline/render/foreign.js';
import { secretSetting, secretSettingsIn } from '../../src/baseline/render/secret-guard.js';
import { parseOptions } from '../../src/introspect/secret-options.js';
import { snapshotOf } from '../support/snapshot-builders.js';

const server: SnapshotObject = {
  kind: 'foreign_server',
  id: objectId('foreign_server', ['stripe_server']),
  schema: null,
  name: 'stripe_server',
  scope: 'user',
  owner: 'postgres',
  dependsOn: [],
  props: {
    wrapper: objectId('foreign_data_wrapper', ['stripe_wrapper']),
    wrapperName: 'stripe_wrapper',
    type: null,
    version: null,
    options: parseOptions(["api_url=https://api.stripe.com/v1/100%'s", 'api_key=sk_test_NEVER_PRINTED']),
  },
};

describe('foreign data renderers', () => {
  const idx = new SnapshotIndex(snapshotOf([server]));

  it('parseOptions drops the value of a secret option', () => {
    expect(server.kind === 'foreign_server' && server.props.options).toEqual([
      { name: 'api_url', value: "https://api.stripe.com/v1/100%'s" },
      { name: 'api_key', value: null, secret: true },
    ]);
  });

  it('a server with a secret becomes a guarded DO block that reads the setting and fails loudly without it', () => {
    const [sql] = renderForeignServer(server as Extract<SnapshotObject, { kind: 'foreign_server' }>, idx).sql;
    expect(sql).not.toContain('sk_test');
    expect(sql).toBe(
      'DO $squashbase_secret$\nBEGIN\n' +
        "  IF coalesce(current_setting('squashbase.secret_stripe_server_api_key', true), '') = '' THEN\n" +
        "    RAISE EXCEPTION 'Server stripe_server needs a secret the baseline does not contain (setting squashbase.secret_stripe_server_api_key)'\n" +
        "      USING HINT = 'Supply it before applying, e.g. PGOPTIONS=''-c squashbase.secret_stripe_server_api_key=…'' psql …, or ALTER DATABASE … SET squashbase.secret_stripe_server_api_key = ''…'' and reconnect. See docs/commands/baseline.md.';\n" +
        '  END IF;\n' +
        "  EXECUTE format('CREATE SERVER \"stripe_server\" FOREIGN DATA WRAPPER \"stripe_wrapper\" OPTIONS (\"api_url\" ''https://api.stripe.com/v1/100%%''''s'', \"api_key\" %L)', current_setting('squashbase.secret_stripe_server_api_key', true));\n" +
        'END\n$squashbase_secret$;',
    );
    expect(secretSettingsIn(sql!)).toEqual(['squashbase.secret_stripe_server_api_key']);
  });

  it('without secrets the statement is plain SQL (no format() escaping left behind)', () => {
    const mapping: Extract<SnapshotObject, { kind: 'user_mapping' }> = {
      kind: 'user_mapping',
      id: objectId('user_mapping', ['PUBLIC', 'stripe_server']),
      schema: null,
      name: 'PUBLIC',
      parent: server.id,
      scope: 'user',
      dependsOn: [],
      props: { server: server.id, serverName: 'stripe_server', user: 'PUBLIC', options: parseOptions(['user=100%']) },
    };
    expect(renderUserMapping(mapping).sql).toEqual(['CREATE USER MAPPING FOR PUBLIC SERVER "stripe_server" OPTIONS ("user" \'100%\');']);
    const table: Extract<SnapshotObject, { kind: 'foreign_table' }> = {
      kind: 'foreign_table',
      id: objectId('foreign_table', ['public', 'customers']),
      schema: 'public',
      name: 'customers',
      scope: 'user',
      owner: 'postgres',
      dependsOn: [],
      props: {
        server: server.id,
        serverName: 'stripe_server',
        columns: [
          { name: 'id', type: 'text', notNull: true, default: null, collation: null, options: parseOptions(['column_name=ID']) },
          { name: 'attrs', type: 'jsonb', notNull: false, default: null, collation: null, options: [] },
        ],
        options: parseOptions(['object=customers', 'rowid_column=id']),
      },
    };
    expect(renderForeignTable(table, idx).sql).toEqual([
      'CREATE FOREIGN TABLE "public"."customers" (\n    "id" text OPTIONS ("column_name" \'ID\') NOT NULL,\n    "attrs" jsonb\n)\nSERVER "stripe_server" OPTIONS ("object" \'customers\', "rowid_column" \'id\');',
    ]);
  });

  it('setting names are valid custom-setting names whatever the object is called', () => {
    expect(secretSetting('My "Server"', 'API-Key')).toBe('squashbase.secret_my_server_api_key');
  });
});
