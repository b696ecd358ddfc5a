//! Identifiers. Ids are UUIDs so that records made on different devices never collide once they sync.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map($name)
            }
        }
    };
}

id_type!(
    /// A case table (casustafel).
    TableId
);
id_type!(
    /// A phenomenon in the taxonomy.
    PhenomenonId
);
id_type!(
    /// A partner organisation.
    OrganisationId
);
id_type!(
    /// A person taking part in a table.
    ParticipantId
);
id_type!(
    /// A referral (aanmelding).
    ReferralId
);
id_type!(
    /// A case (casus).
    CaseId
);
id_type!(
    /// A meeting (overleg).
    MeetingId
);
id_type!(
    /// An action (afspraak).
    ActionId
);
id_type!(
    /// An entry in the disclosure ledger (verstrekkingsregister).
    DisclosureId
);
