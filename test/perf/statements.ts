import mysql from 'mysql2/promise';

/**
 * The SQL statements a few requests issue, as the database itself saw them: MariaDB's general
 * log, written to the mysql.general_log table only while the requests run (values inlined, so
 * each text can be run again, e.g. under EXPLAIN). The change relay's polls (tagged
 * `/* change-relay *\/`) and this connection's own statements are left out; transaction control
 * (BEGIN, COMMIT …) counts, as it is a round trip too.
 */
export async function statementsDuring(serverUrl: string, send: () => Promise<void>): Promise<string[]> {
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    await conn.query("SET GLOBAL log_output = 'TABLE'");
    await conn.query('TRUNCATE mysql.general_log');
    await conn.query('SET GLOBAL general_log = 1');
    await send();
    // The read audit writes by group commit just after the answer: let it land inside the window.
    await new Promise((r) => setTimeout(r, 300));
    await conn.query('SET GLOBAL general_log = 0');
    const [rows] = (await conn.query(
      `SELECT CONVERT(argument USING utf8mb4) AS sql_text FROM mysql.general_log
       WHERE command_type IN ('Query', 'Execute') AND thread_id <> CONNECTION_ID()
         AND CONVERT(argument USING utf8mb4) NOT LIKE '/* change-relay */%'`,
    )) as unknown as [{ sql_text: string }[]];
    await conn.query('TRUNCATE mysql.general_log');
    return rows.map((r) => r.sql_text);
  } finally {
    await conn.query('SET GLOBAL general_log = 0').catch(() => undefined);
    await conn.end();
  }
}

/** SQL statements per request, counted by the database over `requests` sends (see statementsDuring). */
export async function statementsPerRequest(
  serverUrl: string,
  requests: number,
  send: () => Promise<void>,
  trace = false,
): Promise<number> {
  const texts = await statementsDuring(serverUrl, async () => {
    for (let i = 0; i < requests; i++) await send();
  });
  if (trace) for (const t of texts) process.stderr.write(`  [sql] ${t.slice(0, 200).replace(/\s+/g, ' ')}\n`);
  return texts.length / requests;
}
