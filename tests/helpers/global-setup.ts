import mysql from 'mysql2/promise';

/**
 * Once per test run: give the shared MariaDB enough connections for parallel test files, and
 * in CI drop what a crashed earlier run left (test prefixes start with `ft`).
 */
export default async function setup(): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await conn.query('SET GLOBAL max_connections = 2000');
    if (process.env.CI) {
      const [dbs] = await conn.query<mysql.RowDataPacket[]>("SHOW DATABASES LIKE 'ft%'");
      for (const row of dbs) await conn.query(`DROP DATABASE \`${String(Object.values(row)[0])}\``);
      const [users] = await conn.query<mysql.RowDataPacket[]>("SELECT CONVERT(User USING utf8mb4) AS name FROM mysql.user WHERE User LIKE 'ft%'");
      for (const u of users) await conn.query("DROP USER ?@'%'", [u.name]);
    }
  } finally {
    await conn.end();
  }
}
