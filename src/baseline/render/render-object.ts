import type { SnapshotObject } from '../../introspect/snapshot-types.js';
import { SquashbaseError } from '../../errors.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { Rendered } from './types.js';
import { renderSchema, renderExtension } from './schema.js';
import { renderEnum, renderDomain, renderCompositeType, renderRangeType } from './user-types.js';
import { renderSequence } from './sequence.js';
import { renderIndex } from './index.js';
import { renderView, renderMaterializedView } from './view.js';
import { renderFunction } from './function.js';
import { renderTrigger } from './trigger.js';
import { renderPolicy } from './policy.js';
import { renderEventTrigger } from './event-trigger.js';
import { renderPublication, renderPublicationTable } from './publication.js';
import { renderCollation, renderRule, renderStatistics } from './rule-statistics-collation.js';
import { renderCast } from './cast.js';
import { renderOperator } from './operator.js';
import { renderTextSearchConfiguration, renderTextSearchDictionary } from './text-search.js';
import { renderForeignDataWrapper, renderForeignServer, renderForeignTable, renderUserMapping } from './foreign.js';
import { renderTable } from './table.js';
import { renderConstraint } from './constraint.js';

/** The DDL of one snapshot object (null for kinds rendered elsewhere: columns, grants, configuration rows). */
export function renderObject(o: SnapshotObject, idx: SnapshotIndex): Rendered | null {
  switch (o.kind) {
    case 'schema':
      return renderSchema(o, idx);
    case 'extension':
      return renderExtension(o, idx);
    case 'enum':
      return renderEnum(o, idx);
    case 'domain':
      return renderDomain(o, idx);
    case 'composite_type':
      return renderCompositeType(o, idx);
    case 'range_type':
      return renderRangeType(o, idx);
    case 'sequence':
      return renderSequence(o, idx);
    case 'table':
      return renderTable(o, idx);
    case 'constraint':
      return renderConstraint(o, idx);
    case 'index':
      return renderIndex(o, idx);
    case 'view':
      return renderView(o, idx);
    case 'materialized_view':
      return renderMaterializedView(o, idx);
    case 'function':
      return renderFunction(o, idx);
    case 'trigger':
      return renderTrigger(o, idx);
    case 'policy':
      return renderPolicy(o, idx);
    case 'event_trigger':
      return renderEventTrigger(o, idx);
    case 'publication':
      return renderPublication(o, idx);
    case 'publication_table':
      return renderPublicationTable(o, idx);
    case 'foreign_data_wrapper':
      return renderForeignDataWrapper(o, idx);
    case 'foreign_server':
      return renderForeignServer(o, idx);
    case 'user_mapping':
      return renderUserMapping(o);
    case 'foreign_table':
      return renderForeignTable(o, idx);
    case 'rule':
      return renderRule(o, idx);
    case 'statistics':
      return renderStatistics(o, idx);
    case 'collation':
      return renderCollation(o, idx);
    case 'text_search_dictionary':
      return renderTextSearchDictionary(o, idx);
    case 'text_search_configuration':
      return renderTextSearchConfiguration(o, idx);
    case 'cast':
      return renderCast(o, idx);
    case 'operator':
      return renderOperator(o, idx);
    case 'column':
    case 'grant':
    case 'default_privilege':
      return null;
    case 'bucket':
    case 'cron_job':
    case 'queue':
    case 'vault_secret':
      // Configuration rows: the "Configuration data" section (config-section.ts).
      return null;
    default:
      throw new SquashbaseError('BASELINE_FAILED', `Unknown object kind in snapshot: ${(o as SnapshotObject).kind}`);
  }
}

