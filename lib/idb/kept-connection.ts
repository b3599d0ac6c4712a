/**
 * One IndexedDB connection per context life, opened on first use and kept: reopening per use
 * would cost milliseconds on the path to the first token. Reads still go to the database every
 * time. Dropped (and reopened next time) when another context wants a newer version or the
 * browser closes the database.
 */
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

export interface KeptConnection<S extends DBSchema> {
  get(): Promise<IDBPDatabase<S>>;
  /** For tests: drop the connection, as a worker restart would. */
  close(): Promise<void>;
}

export function keptConnection<S extends DBSchema>(
  name: string,
  version: number,
  upgrade: NonNullable<OpenDBCallbacks<S>['upgrade']>,
): KeptConnection<S> {
  let connection: Promise<IDBPDatabase<S>> | null = null;
  return {
    get() {
      connection ??= openDB<S>(name, version, {
        upgrade,
        blocking() {
          void connection?.then((db) => db.close()).catch(() => undefined);
          connection = null;
        },
        terminated() {
          connection = null;
        },
      }).catch((error: unknown) => {
        connection = null;
        throw error;
      });
      return connection;
    },
    async close() {
      const open = connection;
      connection = null;
      if (open) (await open.catch(() => null))?.close();
    },
  };
}
