import { DataSource, QueryFailedError } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { queryCount, queryOne, queryRows } from '../../server/src/core/database/typed-query';
import { createTestDatabase, TestDatabase } from '../support/test-db';

jest.setTimeout(60_000);

// The typed query helper against real PostgreSQL, on each kind of target the modules hand it.

interface NoteRow {
  id: number;
  body: string;
}

describe('typed queries', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
    await ds.query(`CREATE TABLE typed_notes (id int PRIMARY KEY, body text NOT NULL)`);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('returns the rows of a SELECT and of an INSERT … RETURNING from the data source', async () => {
    const inserted = await queryRows<NoteRow>(ds, `INSERT INTO typed_notes VALUES (1, 'a'), (2, 'b') RETURNING id, body`);
    expect(inserted).toEqual([
      { id: 1, body: 'a' },
      { id: 2, body: 'b' },
    ]);
    expect(await queryRows<NoteRow>(ds, `SELECT id, body FROM typed_notes WHERE id > $1 ORDER BY id`, [1])).toEqual([{ id: 2, body: 'b' }]);
  });

  it('returns the rows of an UPDATE … RETURNING, not the [rows, count] pair of a plain query', async () => {
    const rows = await queryRows<NoteRow>(ds, `UPDATE typed_notes SET body = body || '!' WHERE id = $1 RETURNING id, body`, [1]);
    expect(rows).toEqual([{ id: 1, body: 'a!' }]);
  });

  it('counts the rows an UPDATE or DELETE touched, none included', async () => {
    expect(await queryCount(ds, `UPDATE typed_notes SET body = 'x' WHERE id = ANY($1::int[])`, [[1, 2]])).toBe(2);
    expect(await queryCount(ds, `DELETE FROM typed_notes WHERE id = $1`, [99])).toBe(0);
  });

  it('gives the first row, or undefined when there is none', async () => {
    expect(await queryOne<NoteRow>(ds, `SELECT id, body FROM typed_notes ORDER BY id`)).toEqual({ id: 1, body: 'x' });
    expect(await queryOne<NoteRow>(ds, `SELECT id, body FROM typed_notes WHERE id = $1`, [99])).toBeUndefined();
  });

  it("runs on a transaction's manager and its query runner, seeing what the transaction wrote", async () => {
    await expect(
      ds.transaction(async (em) => {
        await queryCount(em, `INSERT INTO typed_notes VALUES (3, 'c')`);
        expect(await queryOne<NoteRow>(em, `SELECT id, body FROM typed_notes WHERE id = 3`)).toEqual({ id: 3, body: 'c' });
        expect(await queryRows<NoteRow>(em.queryRunner!, `SELECT id, body FROM typed_notes WHERE id = 3`)).toHaveLength(1);
        // Outside the transaction the row is not there yet.
        expect(await queryOne<NoteRow>(ds.manager, `SELECT id, body FROM typed_notes WHERE id = 3`)).toBeUndefined();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await queryOne<NoteRow>(ds, `SELECT id, body FROM typed_notes WHERE id = 3`)).toBeUndefined();
  });

  it('rejects on bad SQL and gives its connection back to the pool', async () => {
    await expect(queryRows(ds, `SELECT nothing FROM typed_notes`)).rejects.toBeInstanceOf(QueryFailedError);
    // More failures than the pool has connections (20): a connection kept by a failure would starve the next query.
    for (let i = 0; i < 25; i++) await expect(queryCount(ds, `DELETE FROM nowhere`)).rejects.toBeInstanceOf(QueryFailedError);
    expect(await queryRows<NoteRow>(ds, `SELECT id, body FROM typed_notes ORDER BY id`)).toHaveLength(2);
  });

  it('refuses a query runner that was released', async () => {
    const runner = ds.createQueryRunner();
    await runner.release();
    await expect(queryRows(runner, `SELECT 1 AS one`)).rejects.toThrow(/released/i);
  });
});
