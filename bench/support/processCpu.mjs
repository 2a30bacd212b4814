// CPU time of a process tree by Chromium process type (renderer, gpu-process, utility, browser),
// read from Linux's /proc: where a benchmark's work ran, including the GPU process (SwiftShader
// draws there when there is no GPU). Elsewhere (no /proc) every call returns null.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond = null;
function clockTicks() {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** pid -> { ppid, cpuTicks } for every readable process. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

function processType(pid) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
  } catch {
    return 'ended';
  }
}

/** Milliseconds of CPU per process type of `root`'s descendants (default: this process), or null. */
export function descendantCpuMs(root = process.pid) {
  let table;
  try {
    table = processTable();
  } catch {
    return null;
  }
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out = {};
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    stack.push(...(children.get(pid) ?? []));
    const type = processType(pid);
    out[type] = (out[type] ?? 0) + ((table.get(pid)?.cpuTicks ?? 0) * 1000) / clockTicks();
  }
  return out;
}

/** The CPU milliseconds per type spent between two descendantCpuMs snapshots (types in either). */
export function cpuBetween(before, after) {
  if (!before || !after) return null;
  const types = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...types].map((t) => [t, Math.max(0, (after[t] ?? 0) - (before[t] ?? 0))]));
}
