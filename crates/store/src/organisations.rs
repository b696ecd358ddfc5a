//! Partner organisations and the participants of each table.

use casustafel_domain::organisation::{OrgCategory, Organisation, OrganisationDraft};
use casustafel_domain::participant::{Participant, ParticipantDraft, Protocol, Role};
use casustafel_domain::{CaseId, OrganisationId, ParticipantId, TableId};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::profile::Store;

fn bad(what: &str) -> StoreError {
    StoreError::Damaged(format!("unreadable value in {what}"))
}

fn date(s: &str, what: &str) -> Result<NaiveDate> {
    s.parse().map_err(|_| bad(what))
}

impl Store {
    pub fn list_organisations(&self) -> Result<Vec<Organisation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, category, bound_by_secrecy FROM organisation ORDER BY name_key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (id, name, category, bound_by_secrecy) = row?;
            Ok(Organisation {
                id: id.parse().map_err(|_| bad("organisation.id"))?,
                name,
                category: OrgCategory::from_code(&category)
                    .ok_or_else(|| bad("organisation.category"))?,
                bound_by_secrecy,
            })
        })
        .collect()
    }

    pub fn add_organisation(&mut self, draft: &OrganisationDraft) -> Result<Organisation> {
        let names: Vec<String> = self
            .list_organisations()?
            .into_iter()
            .map(|o| o.name)
            .collect();
        let (name, category, bound_by_secrecy) = draft
            .validate(names.iter().map(String::as_str))
            .map_err(StoreError::Invalid)?;
        let id = OrganisationId(Uuid::new_v4());
        self.conn.execute(
            "INSERT INTO organisation (id, name, name_key, category, bound_by_secrecy)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.to_string(),
                name,
                name.to_lowercase(),
                category.code(),
                bound_by_secrecy
            ],
        )?;
        Ok(Organisation {
            id,
            name,
            category,
            bound_by_secrecy,
        })
    }

    /// The participants of a table, by name.
    pub fn list_participants(&self, table: TableId) -> Result<Vec<Participant>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, organisation_id, role, protocol_signed_on, protocol_version,
                    active_from, active_to
             FROM participant WHERE table_id = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let raw: Vec<_> = stmt
            .query_map([table.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut cases_stmt = self
            .conn
            .prepare_cached("SELECT case_id FROM participant_case WHERE participant_id = ?1")?;
        raw.into_iter()
            .map(|(id, name, org, role, signed, version, from, to)| {
                let cases = cases_stmt
                    .query_map([&id], |r| r.get::<_, String>(0))?
                    .map(|c| c?.parse::<CaseId>().map_err(|_| bad("participant_case")))
                    .collect::<Result<Vec<_>>>()?;
                Ok(Participant {
                    id: id.parse().map_err(|_| bad("participant.id"))?,
                    table_id: table,
                    name,
                    organisation_id: org.parse().map_err(|_| bad("participant.organisation"))?,
                    role: Role::from_code(&role).ok_or_else(|| bad("participant.role"))?,
                    protocol: match signed {
                        Some(s) => Some(Protocol {
                            signed_on: date(&s, "participant.protocol_signed_on")?,
                            version: version.unwrap_or_default(),
                        }),
                        None => None,
                    },
                    active_from: date(&from, "participant.active_from")?,
                    active_to: to.map(|t| date(&t, "participant.active_to")).transpose()?,
                    cases,
                })
            })
            .collect()
    }

    /// Adds a participant to a table. The organisation and the invited cases must exist.
    pub fn add_participant(
        &mut self,
        table: TableId,
        draft: &ParticipantDraft,
    ) -> Result<Participant> {
        self.guard_table(table)?;
        let new = draft.validate().map_err(StoreError::Invalid)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let org_known = tx
            .query_row(
                "SELECT 1 FROM organisation WHERE id = ?1",
                [new.organisation_id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        let table_known = tx
            .query_row(
                "SELECT 1 FROM case_table WHERE id = ?1",
                [table.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !org_known || !table_known {
            return Err(StoreError::NotFound);
        }
        let id = ParticipantId(Uuid::new_v4());
        tx.execute(
            "INSERT INTO participant (id, table_id, name, organisation_id, role, protocol_signed_on,
                 protocol_version, active_from, active_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id.to_string(),
                table.to_string(),
                new.name,
                new.organisation_id.to_string(),
                new.role.code(),
                new.protocol.as_ref().map(|p| p.signed_on.to_string()),
                new.protocol.as_ref().map(|p| p.version.clone()),
                new.active_from.to_string(),
                new.active_to.map(|d| d.to_string()),
            ],
        )?;
        for case in &new.cases {
            let in_table = tx
                .query_row(
                    "SELECT 1 FROM case_file WHERE id = ?1 AND table_id = ?2",
                    params![case.to_string(), table.to_string()],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if !in_table {
                return Err(StoreError::NotFound);
            }
            tx.execute(
                "INSERT INTO participant_case (participant_id, case_id) VALUES (?1, ?2)",
                params![id.to_string(), case.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(Participant {
            id,
            table_id: table,
            name: new.name,
            organisation_id: new.organisation_id,
            role: new.role,
            protocol: new.protocol,
            active_from: new.active_from,
            active_to: new.active_to,
            cases: new.cases,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::draft as table_draft;
    use crate::testutil::{new_store, now};

    #[test]
    fn organisations_and_participants() {
        let (_dir, mut s) = new_store();
        let t = s
            .create_table(&table_draft(&s, "Anker", "ANK"), now())
            .unwrap();
        let org = s
            .add_organisation(&OrganisationDraft {
                name: "PZ Zonnedijk".into(),
                category: Some(OrgCategory::Police),
                bound_by_secrecy: true,
            })
            .unwrap();
        assert!(matches!(
            s.add_organisation(&OrganisationDraft {
                name: "pz zonnedijk".into(),
                category: Some(OrgCategory::Police),
                bound_by_secrecy: true,
            }),
            Err(StoreError::Invalid(_))
        ));
        let p = s
            .add_participant(
                t.id,
                &ParticipantDraft {
                    name: "Inspecteur Wouters".into(),
                    organisation_id: Some(org.id),
                    role: Some(Role::Member),
                    protocol_signed_on: "05/01/2026".into(),
                    protocol_version: "2026-1".into(),
                    active_from: "01/01/2026".into(),
                    ..ParticipantDraft::default()
                },
            )
            .unwrap();
        assert_eq!(s.list_participants(t.id).unwrap(), vec![p]);
        assert_eq!(s.list_organisations().unwrap(), vec![org]);
    }
}
