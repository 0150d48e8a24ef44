//! Moving a deployment: the SQLite database of a data directory copied into an empty PostgreSQL
//! database, in one transaction. Everything keeps its identity (ids, hashed tokens and codes, the
//! history id, each team's sequence numbers and the documents' storage order), so the devices go
//! on syncing through a server on the new database with their tokens and cursors, and receive
//! nothing twice.

use std::path::Path;

use chrono::{DateTime, Utc};
use tokio_postgres::types::ToSql;

use super::backup::refuse_if_in_use;
use super::postgres::PostgresStorage;
use super::sqlite::{migrate, open_connection, FILE_NAME};
use super::{Result, StorageError};

/// How a column is read from SQLite and written to PostgreSQL.
#[derive(Clone, Copy)]
enum Column {
    /// Text, or NULL.
    Text,
    Integer,
    Blob,
    /// An RFC 3339 time in SQLite, `TIMESTAMPTZ` in PostgreSQL; or NULL.
    Time,
}

struct Table {
    name: &'static str,
    columns: &'static str,
    kinds: &'static [Column],
}

/// In the order their foreign keys need.
const TABLES: &[Table] = {
    use Column::*;
    &[
        Table { name: "orgs", columns: "id, name, created_at", kinds: &[Text, Text, Time] },
        Table {
            name: "teams",
            columns: "id, org_id, name, last_seq, created_at",
            kinds: &[Text, Text, Text, Integer, Time],
        },
        Table {
            name: "users",
            columns: "id, org_id, team_id, name, role, created_at",
            kinds: &[Text, Text, Text, Text, Text, Time],
        },
        Table {
            name: "devices",
            columns: "id, user_id, name, token_hash, created_at, revoked_at",
            kinds: &[Text, Text, Text, Blob, Time, Time],
        },
        Table {
            name: "enrollment_codes",
            columns: "code_hash, user_id, expires_at, used_at",
            kinds: &[Blob, Text, Time, Time],
        },
        Table {
            name: "documents",
            columns: "n, id, team_id, kind, version, heads, snapshot, snapshot_seq, sole_writer, updated_at",
            kinds: &[Integer, Text, Text, Text, Integer, Blob, Blob, Integer, Text, Time],
        },
        Table {
            name: "changes",
            columns: "team_id, seq, doc_id, kind, device_id, bytes, received_at",
            kinds: &[Text, Integer, Text, Text, Text, Blob, Time],
        },
        Table { name: "records", columns: "team_id, record_id, doc_id", kinds: &[Text, Text, Text] },
        Table { name: "projections", columns: "doc_id, version, rows", kinds: &[Text, Integer, Blob] },
        Table { name: "projection_marks", columns: "team_id, seq", kinds: &[Text, Integer] },
    ]
};

/// What was copied, table by table, in [`TABLES`] order.
pub struct Copied {
    pub rows: Vec<(&'static str, u64)>,
}

/// Copies `data_dir`'s database into the empty PostgreSQL database at `url` (its schema is made
/// first). Refused while a server has the data directory open, or when the target holds data.
pub fn copy(data_dir: &Path, url: &str) -> Result<Copied> {
    let path = data_dir.join(FILE_NAME);
    if !path.is_file() {
        return Err(StorageError::NotFound("database in the data directory"));
    }
    refuse_if_in_use(&path, "copying it")?;
    let mut source = open_connection(&path)?;
    // A data directory of an older server is brought to the schema the copy reads.
    migrate(&mut source)?;
    let target = PostgresStorage::open(url)?;
    target.block(async {
        let mut client = target.client().await?;
        let tx = client.transaction().await?;
        let holds_data: bool =
            tx.query_one("SELECT EXISTS (SELECT 1 FROM orgs) OR EXISTS (SELECT 1 FROM documents)", &[]).await?.get(0);
        if holds_data {
            return Err(StorageError::Config(
                "the PostgreSQL database already holds a server's data: copy into an empty database".into(),
            ));
        }
        // One read transaction: the copy is of one moment of the source.
        let read = source.unchecked_transaction()?;
        let mut copied = Copied { rows: Vec::new() };
        for table in TABLES {
            let placeholders: Vec<String> = (1..=table.kinds.len()).map(|i| format!("${i}")).collect();
            let insert = tx
                .prepare(&format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    table.name,
                    table.columns,
                    placeholders.join(", ")
                ))
                .await?;
            let mut select = read.prepare(&format!("SELECT {} FROM {}", table.columns, table.name))?;
            let mut rows = select.query([])?;
            let mut count = 0u64;
            while let Some(row) = rows.next()? {
                let values = read_row(table, row)?;
                let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| &**v as _).collect();
                tx.execute(&insert, &params).await?;
                count += 1;
            }
            copied.rows.push((table.name, count));
        }
        // New documents are numbered after the copied ones.
        tx.execute(
            "SELECT setval(pg_get_serial_sequence('documents', 'n'), GREATEST((SELECT max(n) FROM documents), 1))",
            &[],
        )
        .await?;
        // The same history: the devices' cursors stay valid.
        let history: Vec<u8> = read.query_row("SELECT id FROM history", [], |r| r.get(0))?;
        tx.execute("UPDATE history SET id = $1", &[&history]).await?;
        tx.commit().await?;
        Ok(copied)
    })
}

fn read_row(table: &Table, row: &rusqlite::Row<'_>) -> Result<Vec<Box<dyn ToSql + Sync + Send>>> {
    let mut values: Vec<Box<dyn ToSql + Sync + Send>> = Vec::with_capacity(table.kinds.len());
    for (i, kind) in table.kinds.iter().enumerate() {
        values.push(match kind {
            Column::Text => Box::new(row.get::<_, Option<String>>(i)?),
            Column::Integer => Box::new(row.get::<_, i64>(i)?),
            Column::Blob => Box::new(row.get::<_, Vec<u8>>(i)?),
            Column::Time => {
                let text = row.get::<_, Option<String>>(i)?;
                let time = text
                    .map(|t| {
                        DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)).map_err(|_| {
                            StorageError::Corrupt(format!(
                                "a time in table {} is not a time: {t:?}",
                                table.name
                            ))
                        })
                    })
                    .transpose()?;
                Box::new(time)
            }
        });
    }
    Ok(values)
}
