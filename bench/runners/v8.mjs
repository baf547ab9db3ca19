// v8.mjs: runs WebAssembly on V8 (Node 26) for the harness, serving it on
// stdin/stdout one request per line, so the harness can interleave V8 call
// by call with the in-process engines. Every time is measured here, around
// the operation only (process.hrtime), in nanoseconds:
//
//   load ID PATH          -> ok COMPILE_NS INSTANTIATE_NS
//   call ID FN ARG...     -> ok RESULT NS CPU_NS   ARG is i32:N or i64:N;
//                            CPU_NS is the process's CPU time (V8's own
//                            helper threads, e.g. its GC's, included)
//   cold PATH FN ARG...   -> ok RESULT NS      compile + instantiate + first call
//   compile PATH          -> ok NS CPU_NS      new WebAssembly.Module only
//   repeat ID FN N        -> ok NS             FN(i) for i < N, from JS
//   drop ID               -> ok
//   quit
//
// RESULT is the function's single result as an unsigned decimal (an i32
// zero-extended, an i64 as u64). Errors answer "err MESSAGE".
//
//   node v8.mjs once PATH FN ARG...   runs FN once and prints RESULT and
//                                     the process's peak RSS (VmHWM, KiB)
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const imports = { env: { inc: (x) => (x + 1) | 0 } };
const instances = new Map();

function parseArg(a) {
  const [t, v] = a.split(':');
  if (t === 'i32') return Number(BigInt.asIntN(32, BigInt(v)));
  if (t === 'i64') return BigInt.asIntN(64, BigInt(v));
  throw new Error(`bad argument ${a}`);
}

function resultBits(r) {
  if (typeof r === 'bigint') return BigInt.asUintN(64, r).toString();
  if (typeof r === 'number' && Number.isInteger(r)) return (r >>> 0).toString();
  throw new Error(`unsupported result ${r}`);
}

function exportOf(inst, fn) {
  const f = inst.exports[fn];
  if (typeof f !== 'function') throw new Error(`no exported function ${fn}`);
  return f;
}

function handle(words) {
  const [op, ...rest] = words;
  switch (op) {
    case 'load': {
      const [id, path] = rest;
      const bytes = readFileSync(path);
      const t0 = process.hrtime.bigint();
      const mod = new WebAssembly.Module(bytes);
      const t1 = process.hrtime.bigint();
      const inst = new WebAssembly.Instance(mod, imports);
      const t2 = process.hrtime.bigint();
      instances.set(id, inst);
      return `ok ${t1 - t0} ${t2 - t1}`;
    }
    case 'call': {
      const [id, fn, ...args] = rest;
      const inst = instances.get(id);
      if (!inst) throw new Error(`no instance ${id}`);
      const f = exportOf(inst, fn);
      const a = args.map(parseArg);
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const r = f(...a);
      const t1 = process.hrtime.bigint();
      const c = process.cpuUsage(c0);
      return `ok ${resultBits(r)} ${t1 - t0} ${(c.user + c.system) * 1000}`;
    }
    case 'cold': {
      const [path, fn, ...args] = rest;
      const bytes = readFileSync(path);
      const a = args.map(parseArg);
      const t0 = process.hrtime.bigint();
      const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
      const r = exportOf(inst, fn)(...a);
      const t1 = process.hrtime.bigint();
      return `ok ${resultBits(r)} ${t1 - t0}`;
    }
    case 'compile': {
      const bytes = readFileSync(rest[0]);
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      new WebAssembly.Module(bytes);
      const t1 = process.hrtime.bigint();
      const c = process.cpuUsage(c0);
      return `ok ${t1 - t0} ${(c.user + c.system) * 1000}`;
    }
    case 'repeat': {
      const [id, fn, n] = rest;
      const inst = instances.get(id);
      if (!inst) throw new Error(`no instance ${id}`);
      const f = exportOf(inst, fn);
      const count = Number(n);
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < count; i++) f(i);
      const t1 = process.hrtime.bigint();
      return `ok ${t1 - t0}`;
    }
    case 'drop':
      instances.delete(rest[0]);
      return 'ok';
    default:
      throw new Error(`bad request ${op}`);
  }
}

if (process.argv[2] === 'once') {
  const [path, fn, ...args] = process.argv.slice(3);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), imports);
  const r = resultBits(exportOf(inst, fn)(...args.map(parseArg)));
  const hwm = /VmHWM:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  console.log(`${r} ${hwm ? hwm[1] : 0}`);
} else {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'quit') break;
    let out;
    try {
      out = handle(words);
    } catch (e) {
      out = `err ${String(e && e.message || e).replace(/\n/g, ' ')}`;
    }
    process.stdout.write(out + '\n');
  }
}
