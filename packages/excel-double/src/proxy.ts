/**
 * The Office.js proxy machinery of the double: RequestContext with its queue and sync, the
 * ClientObject base (load / property reads that throw PropertyNotLoaded / property writes queued
 * in order), collections with `items`, and ClientResult. The Excel objects themselves are in api.ts.
 * Browser-safe: no Node APIs.
 */
import { DoubleError, ErrorMessages, invalidOperation, itemNotFound } from "./errors";
import type { Model, RequestRecord } from "./model";

export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** Fixed part of every request (headers, envelope), roughly what Office.js sends. */
const REQUEST_OVERHEAD = 200;

export interface Host {
  model: Model;
  requestLimitBytes: number;
  responseLimitBytes: number;
  recordSync(rec: RequestRecord): void;
  changed(): void;
}

/** UTF-8 byte length of a string (what goes over the wire). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

function jsonSafe(v: unknown): unknown {
  if (v instanceof ClientObjectBase) return { _ref: v._path };
  if (Array.isArray(v)) return v.some((x) => x instanceof ClientObjectBase) ? v.map(jsonSafe) : v;
  return v;
}

export class Response {
  bytes = 0;
  commits: (() => void)[] = [];
  add(data: unknown, commit: () => void): void {
    const text = data === undefined ? "" : JSON.stringify(data);
    this.bytes += utf8Length(text ?? "") + 20;
    this.commits.push(commit);
  }
}

export interface Op {
  bytes: number;
  run(res: Response): void;
}

export class RequestContext {
  _queue: Op[] = [];
  readonly trackedObjects = {
    add: () => undefined,
    remove: () => undefined,
  };
  readonly debugInfo = {};
  private _workbook: unknown;
  constructor(
    readonly _host: Host,
    workbookFactory: (ctx: RequestContext) => unknown
  ) {
    this._workbook = workbookFactory(this);
  }
  get workbook(): unknown {
    return this._workbook;
  }
  get application(): unknown {
    return (this._workbook as { application: unknown }).application;
  }

  load(object: ClientObjectBase<any>, spec?: unknown): void {
    object.load(spec as never);
  }
  trace(): void {
    /* tracing is a no-op in the double */
  }

  _enqueue(path: string, action: string, args: unknown[], run: (res: Response) => void): void {
    const text = JSON.stringify([path, action, args.map(jsonSafe)]);
    this._queue.push({ bytes: utf8Length(text) + 16, run });
  }

  async sync<T>(passThrough?: T): Promise<T> {
    const ops = this._queue;
    this._queue = [];
    const host = this._host;
    let bytes = REQUEST_OVERHEAD;
    for (const op of ops) bytes += op.bytes;
    const rec: RequestRecord = { bytes, responseBytes: 0, operations: ops.length, ok: true };
    host.recordSync(rec);
    await Promise.resolve();
    if (bytes > host.requestLimitBytes) {
      rec.ok = false;
      rec.error = "RequestPayloadSizeLimitExceeded";
      throw new DoubleError("RequestPayloadSizeLimitExceeded", ErrorMessages.requestTooLarge);
    }
    const res = new Response();
    let error: unknown = null;
    try {
      for (const op of ops) op.run(res);
    } catch (e) {
      error = e;
    }
    host.model.resume();
    rec.responseBytes = res.bytes;
    if (!error && res.bytes > host.responseLimitBytes) {
      error = new DoubleError("ResponsePayloadSizeLimitExceeded", ErrorMessages.responseTooLarge);
    }
    if (!error) for (const commit of res.commits) commit();
    if (ops.length) host.changed();
    if (error) {
      rec.ok = false;
      rec.error = (error as { code?: string }).code ?? String(error);
      throw error;
    }
    return passThrough as T;
  }
}

export class ClientResult<T> {
  private _loaded = false;
  private _v: T | undefined;
  get value(): T {
    if (!this._loaded) throw new DoubleError("ValueNotLoaded", ErrorMessages.valueNotLoaded);
    return this._v as T;
  }
  _set(v: T): void {
    this._v = v;
    this._loaded = true;
  }
}

export interface PropDef<T> {
  get?: (t: T, self: ClientObjectBase<T>) => unknown;
  set?: (t: T, v: unknown, self: ClientObjectBase<T>) => void;
}

type Spec = string | string[] | Record<string, unknown> | undefined | null;

/** "a, b/c" | ["a", "b/c"] | {select, expand} | {a: true, b: {c: true}} -> ["a", "b/c"]; undefined -> null (all). */
export function normalizeSpec(spec: Spec): string[] | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => normalizeSpec(s) ?? []);
  if ("select" in spec || "expand" in spec) {
    return [
      ...(normalizeSpec(spec.select as Spec) ?? []),
      ...(normalizeSpec(spec.expand as Spec) ?? []),
    ];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k.startsWith("$")) continue;
    if (v === true) out.push(k);
    else if (v && typeof v === "object") {
      const inner = normalizeSpec(v as Spec);
      if (inner === null || inner.length === 0) out.push(k);
      else for (const p of inner) out.push(`${k}/${p}`);
    }
  }
  return out;
}

export abstract class ClientObjectBase<T = unknown> {
  /** Loaded or locally set property values. */
  _f: Record<string, unknown> = {};
  _isNull: boolean | undefined = undefined;
  private _target: T | null | undefined = undefined;

  private _navCache = new Map<string, ClientObjectBase<any>>();
  declare _propDefs: Record<string, PropDef<T>>;
  declare _typeName: string;

  constructor(
    readonly _ctx: RequestContext,
    private readonly _resolver: () => T | null,
    readonly _path: string
  ) {
    // A property the double does not implement cannot be set by mistake: in strict code the
    // assignment throws a TypeError instead of passing silently. (Proxy classes add no fields.)
    Object.preventExtensions(this);
  }

  get context(): RequestContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", this._typeName);
    return this._isNull;
  }

  /** Resolve the object (once) while a sync runs. Throws e.g. ItemNotFound for a missing item. */
  _t(): T | null {
    if (this._target === undefined) this._target = this._resolver();
    return this._target;
  }

  _setTarget(t: T | null): void {
    this._target = t;
  }

  /** Queue an action; skipped on a null object. */
  _q(action: string, args: unknown[], run: (t: T, res: Response) => void): void {
    this._ctx._enqueue(this._path, action, args, (res) => {
      const t = this._t();
      if (t === null) return;
      run(t, res);
    });
  }

  /** Queue an action returning a primitive, as a ClientResult. */
  _qr<R>(action: string, args: unknown[], compute: (t: T) => R): ClientResult<R> {
    const result = new ClientResult<R>();
    this._ctx._enqueue(this._path, action, args, (res) => {
      const t = this._t();
      const v = t === null ? (null as R) : compute(t);
      res.add(v, () => result._set(v));
    });
    return result;
  }

  /** For *OrNullObject results: resolve in queue order so isNullObject is known after the next sync. */
  _checkNull(): this {
    this._ctx._enqueue(this._path, "_ensure", [], (res) => {
      const isNull = this._t() === null;
      res.add(isNull, () => (this._isNull = isNull));
    });
    return this;
  }

  _nav<C extends ClientObjectBase<any>>(name: string, make: () => C): C {
    let c = this._navCache.get(name);
    if (!c) {
      c = make();
      this._navCache.set(name, c);
    }
    return c as C;
  }

  /**
   * A navigation property (range.format, chart.title, workbook.tables...): one proxy per name,
   * whose target is what `of` gives at sync (by default this object's own target).
   */
  _part<C extends ClientObjectBase<any>>(
    name: string,
    Ctor: ProxyClass<C>,
    of: () => unknown = () => this._t()
  ): C {
    return this._nav(name, () => new Ctor(this._ctx, of as () => never, `${this._path}.${name}`));
  }

  /** Child proxy whose target is derived from this one's. */
  _child<C>(name: string, map: (t: T) => C | null): () => C | null {
    return () => {
      const t = this._t();
      return t === null ? null : map(t);
    };
  }

  _read(name: string): unknown {
    if (name in this._f) return this._f[name];
    if (this._isNull === true) return null;
    throw propertyNotLoaded(name, this._typeName);
  }

  _write(name: string, value: unknown): void {
    const def = this._propDefs[name];
    if (!def?.set) {
      throw new DoubleError(
        "InvalidOperation",
        `Cannot set the read-only property '${name}'.`,
        `${this._typeName}.${name}`
      );
    }
    this._f[name] = value;
    this._q(`set:${name}`, [value], (t) => def.set!(t, value, this));
  }

  _navNames(): string[] {
    return [];
  }

  _scalarNames(): string[] {
    return Object.keys(this._propDefs ?? {}).filter((k) => this._propDefs[k].get);
  }

  load(spec?: Spec): this {
    const paths = normalizeSpec(spec);
    const scalars = new Set<string>();
    const nested = new Map<string, string[]>();
    const unknown: string[] = [];
    if (paths === null || paths.length === 0) this._scalarNames().forEach((n) => scalars.add(n));
    else {
      for (const p of paths) {
        const [head, ...rest] = p.split("/");
        const def = this._propDefs?.[head];
        if (def?.get) scalars.add(head);
        else if (this._navNames().includes(head)) {
          const list = nested.get(head) ?? [];
          if (rest.length) list.push(rest.join("/"));
          nested.set(head, list);
        } else unknown.push(head);
      }
    }
    if (unknown.length) {
      this._ctx._enqueue(this._path, "load", unknown, () => {
        throw new DoubleError(
          "InvalidArgument",
          `The property '${unknown[0]}' does not exist on ${this._typeName} (or the workbook double does not support it).`,
          `${this._typeName}.load`
        );
      });
    }
    if (scalars.size) this._queueLoad([...scalars]);
    for (const [name, sub] of nested) {
      const child = (this as unknown as Record<string, ClientObjectBase>)[name];
      child.load(sub.length ? sub : undefined);
    }
    return this;
  }

  _queueLoad(names: string[]): void {
    this._ctx._enqueue(this._path, "load", names, (res) => {
      const t = this._t();
      const data: Record<string, unknown> = {};
      if (t !== null) for (const n of names) data[n] = this._propDefs[n].get!(t, this);
      res.add(data, () => {
        this._isNull = t === null;
        if (t !== null) Object.assign(this._f, data);
      });
    });
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this._f };
    for (const n of this._navNames()) {
      const c = this._navCache.get(n);
      if (c) {
        const j = c.toJSON();
        if (Object.keys(j).length) out[n] = j;
      }
    }
    return out;
  }

  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties)) {
      if (this._propDefs?.[k]?.set) this._write(k, v);
      else if (v && typeof v === "object" && this._navNames().includes(k)) {
        (this as unknown as Record<string, ClientObjectBase>)[k].set(v as Record<string, unknown>);
      } else {
        throw new DoubleError(
          "InvalidArgument",
          `The property '${k}' cannot be set on ${this._typeName}.`,
          `${this._typeName}.set`
        );
      }
    }
  }

  track(): this {
    return this;
  }
  untrack(): this {
    return this;
  }
}

/** A proxy class: its constructor takes the context, the target's resolver and the path. */
export type ProxyClass<C> = new (ctx: RequestContext, resolver: () => never, path: string) => C;

export function propertyNotLoaded(name: string, typeName?: string): DoubleError {
  return new DoubleError(
    "PropertyNotLoaded",
    ErrorMessages.propertyNotLoaded(name),
    typeName ? `${typeName}.${name}` : undefined
  );
}

/** Install scalar properties (getter throws until loaded, setter queues a write) on a proxy class. */
export function defineProps<T>(
  cls: { prototype: object },
  typeName: string,
  defs: Record<string, PropDef<T>>
): void {
  const proto = cls.prototype as { _propDefs?: Record<string, PropDef<T>>; _typeName?: string };
  proto._propDefs = { ...(proto._propDefs ?? {}), ...defs };
  proto._typeName = typeName;
  for (const name of Object.keys(defs)) {
    Object.defineProperty(proto, name, {
      get(this: ClientObjectBase<T>) {
        return this._read(name);
      },
      set(this: ClientObjectBase<T>, v: unknown) {
        this._write(name, v);
      },
      configurable: true,
      enumerable: true,
    });
  }
}

/**
 * A collection proxy: `items` after load, load("items/name") or load("name") for the items'
 * properties, getCount(). Subclasses give the item list and how to wrap an item.
 */

export abstract class CollectionBase<
  T,
  I extends ClientObjectBase<any>,
> extends ClientObjectBase<T> {
  abstract _list(t: T): unknown[];
  /** A proxy for one item, whose target `resolver` gives at sync. */
  abstract _item(resolver: () => unknown, path: string): I;

  /**
   * getItem, getItemOrNullObject, getItemAt...: the item `find` picks at sync. None gives
   * ItemNotFound (at `what`), or a null object when `orNull`; on a null collection, a null item.
   */
  _lookup(call: string, find: (t: T) => unknown, what: string, orNull = false): I {
    const item = this._item(() => {
      const t = this._t();
      if (t === null) return null;
      const found = find(t) ?? null;
      if (found === null && !orNull) throw itemNotFound(what);
      return found;
    }, `${this._path}.${call}`);
    return orNull ? item._checkNull() : item;
  }

  /** getItemAt(index): the item at that place in the list, or ItemNotFound. */
  _itemAt(index: number): I {
    const what = `${this._typeName.replace(/Collection$/, "")} at ${index}`;
    return this._lookup(`getItemAt(${index})`, (t) => this._list(t)[index], what);
  }

  /** add(...): queues `create`; the proxy returned is the item it creates. */
  _add(args: unknown[], create: (t: T) => unknown, call = "add()"): I {
    let created: unknown = null;
    this._q("add", args, (t) => {
      created = create(t);
    });
    return this._item(() => {
      if (created === null) throw invalidOperation(`${this._typeName}.add`);
      return created;
    }, `${this._path}.${call}`);
  }

  get items(): I[] {
    return this._read("items") as I[];
  }

  getCount(): ClientResult<number> {
    return this._qr("getCount", [], (t) => this._list(t).length);
  }

  load(spec?: Spec): this {
    const paths = normalizeSpec(spec);
    let itemPaths: string[] = [];
    const own: string[] = [];
    if (paths !== null) {
      for (const p of paths) {
        if (p === "items") continue;
        if (p.startsWith("items/")) itemPaths.push(p.slice(6));
        else if (this._propDefs?.[p]?.get) own.push(p);
        else itemPaths.push(p);
      }
    }
    if (own.length) super.load(own);
    if (
      paths !== null &&
      own.length &&
      itemPaths.length === 0 &&
      !paths.some((p) => p === "items" || p.startsWith("items/"))
    )
      return this;
    const sub = itemPaths.length ? itemPaths : undefined;
    this._ctx._enqueue(this._path, "loadItems", itemPaths, (res) => {
      const t = this._t();
      const list = t === null ? [] : this._list(t);
      const items = list.map((raw, i) => {
        const item = this._item(() => raw, `${this._path}[${i}]`);
        item._setTarget(raw as never);
        return item;
      });
      // Load each item's properties now, in queue order.
      const itemRes = new Response();
      for (const item of items) {
        const names = new Set<string>();
        const nested = new Map<string, string[]>();
        const specPaths = sub ?? item._scalarNames();
        for (const p of specPaths) {
          const [head, ...rest] = p.split("/");
          if (item._propDefs?.[head]?.get) names.add(head);
          else if (item._navNames().includes(head))
            nested.set(head, [
              ...(nested.get(head) ?? []),
              ...(rest.length ? [rest.join("/")] : []),
            ]);
          else
            throw new DoubleError(
              "InvalidArgument",
              `The property '${head}' does not exist on ${item._typeName} (or the workbook double does not support it).`
            );
        }
        const data: Record<string, unknown> = {};
        const raw = item._t();
        for (const n of names) data[n] = item._propDefs[n].get!(raw as never, item as never);
        itemRes.add(data, () => {
          item._isNull = false;
          Object.assign(item._f, data);
        });
        for (const [name, subSpec] of nested) {
          const child = (item as unknown as Record<string, ClientObjectBase>)[name];
          // Run the child's load immediately inside this op.
          const before = this._ctx._queue.length;
          child.load(subSpec.length ? subSpec : undefined);
          const added = this._ctx._queue.splice(before);
          for (const op of added) op.run(itemRes);
        }
      }
      res.bytes += itemRes.bytes;
      res.commits.push(...itemRes.commits);
      res.add(null, () => {
        this._isNull = t === null;
        this._f.items = items;
      });
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    const items = this._f.items as I[] | undefined;
    return items ? { ...this._f, items: items.map((i) => i.toJSON()) } : { ...this._f };
  }
}

/** A collection whose items are found by a key (a name or an id): getItem and getItemOrNullObject. */
export abstract class KeyedCollectionBase<
  T,
  I extends ClientObjectBase<any>,
> extends CollectionBase<T, I> {
  /** The item with this key, or null. */
  abstract _find(t: T, key: string | number): unknown;

  private byKey(key: string | number, orNull: boolean): I {
    const call = `${orNull ? "getItemOrNullObject" : "getItem"}(${JSON.stringify(key)})`;
    const what = `${this._typeName.replace(/Collection$/, "")} '${key}'`;
    return this._lookup(call, (t) => this._find(t, key), what, orNull);
  }

  getItem(key: string | number): I {
    return this.byKey(key, false);
  }

  getItemOrNullObject(key: string | number): I {
    return this.byKey(key, true);
  }
}
