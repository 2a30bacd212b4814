import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule of DESIGN.md section 2, checked on real files of each layer with
// their text replaced: core and workers may not import React, zustand, ui or store.
// typescript-eslint assumes a single CLI run when CI is set and then reads files from disk,
// ignoring lintText's replacement text; this test needs the replacement, so opt out.
process.env.TSESTREE_SINGLE_RUN = 'false';
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundary lint rule', () => {
  it.each([
    ["import { useState } from 'react';", 'React'],
    ["import { create } from 'zustand';", 'store library'],
    ["import { App } from '../../ui/App';", 'ui or store'],
    ["import { useWorkbenchStore } from '../../store/workbenchStore';", 'ui or store'],
  ])('rejects %s in the compute core', async (code, reason) => {
    const messages = await boundaryMessages('src/gmf/mesh/landmarks.ts', `${code}\nexport const x = 1;\n`);
    expect(messages.join('\n')).toContain(reason);
  });

  it('rejects React in worker code', async () => {
    expect(await boundaryMessages('src/workers/computeJobs.ts', "import 'react';\n")).toHaveLength(1);
  });

  it('allows the ui to import React and the core', async () => {
    const code = "import { useState } from 'react';\nimport { NOSE_TIP } from '../gmf/mesh/landmarks';\nexport const y = [useState, NOSE_TIP];\n";
    expect(await boundaryMessages('src/ui/routing.ts', code)).toEqual([]);
  });
});
