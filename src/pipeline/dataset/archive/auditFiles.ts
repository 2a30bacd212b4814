/**
 * A dataset's factor audit in its zip, next to gmf-dataset.json: `factor_audit.json` (the stored
 * result, read back on import) and `factor_audit.tsv` (the same rows for pandas; written on
 * export, ignored on import since the JSON says everything it says).
 */
import { FactorAuditFormatError, type FactorAuditResult, parseFactorAudit } from '../../audit/record/auditRecord';
import { factorAuditTsv } from '../../audit/record/auditTsv';
import { DatasetZipError } from './manifest';

export const FACTOR_AUDIT_JSON = 'factor_audit.json';
export const FACTOR_AUDIT_TSV = 'factor_audit.tsv';

/** The audit's two files (name, text), or none when the dataset has no audit. */
export function auditFiles(audit: FactorAuditResult | undefined): [string, string][] {
  if (!audit) return [];
  return [
    [FACTOR_AUDIT_JSON, JSON.stringify(audit, null, 2)],
    [FACTOR_AUDIT_TSV, factorAuditTsv(audit)],
  ];
}

/** A malformed audit refuses the whole import (as any other malformed entry), saying how to keep the rest. */
export function readAuditFile(text: string): FactorAuditResult {
  try {
    return parseFactorAudit(JSON.parse(text));
  } catch (error) {
    const problem =
      error instanceof FactorAuditFormatError
        ? error.problem
        : error instanceof SyntaxError
          ? 'it is not valid JSON'
          : null;
    if (problem === null) throw error;
    throw new DatasetZipError(
      `its ${FACTOR_AUDIT_JSON} is malformed (${problem}); delete ${FACTOR_AUDIT_JSON} from the zip to import the dataset without its factor audit`,
    );
  }
}
