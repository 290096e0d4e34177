import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Directory that keeps the data across restarts; omit for an in-memory database. */
  dataDir?: string;
  /** A tarball made by `dumpDataDir()`, e.g. a migrated template for tests. */
  loadDataDir?: Blob;
  port?: number;
}

/**
 * PostgreSQL compiled to WebAssembly, served on a loopback port so that the application talks to it
 * with the same `pg` driver and TypeORM configuration as to a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const db = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { btree_gist },
    });
    // One connection: PGlite is a single session, so a second client would share (and block on) its transaction.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`);
  }

  dump(): Promise<File | Blob> {
    return this.db.dumpDataDir('gzip');
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
