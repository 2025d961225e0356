use super::*;
use proptest::prelude::*;

fn header(kind: Kind) -> Header {
    Header {
        kind,
        team: "7f3a9c21e0b44d58".into(),
        device: "a1b2c3d4e5f6".into(),
        first: 11,
        last: 13,
    }
}

fn sample() -> Vec<u8> {
    let records: Vec<Vec<u8>> = (11..=13)
        .map(|seq| format!(r#"{{"seq":{seq},"kind":"tag_add","customers":["c1","c2"]}}"#).into())
        .collect();
    write(&header(Kind::Chunk), &write_records(&records)).unwrap()
}

#[test]
fn a_written_file_reads_back_its_header_and_records() {
    let (h, payload) = read(&sample(), Kind::Chunk, "7f3a9c21e0b44d58").unwrap();
    assert_eq!(h, header(Kind::Chunk));
    let records = read_records(&payload).unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[1],
        br#"{"seq":12,"kind":"tag_add","customers":["c1","c2"]}"#
    );
}

#[test]
fn the_same_header_and_payload_always_give_the_same_bytes() {
    assert_eq!(sample(), sample());
}

#[test]
fn the_payload_is_compressed() {
    let big = vec![br#"{"customer":"00000000000000000000000000000000"}"#.to_vec(); 10_000];
    let file = write(&header(Kind::Pack), &write_records(&big)).unwrap();
    assert!(file.len() < 10_000, "{} bytes", file.len());
}

#[test]
fn an_empty_record_list_round_trips() {
    let file = write(&header(Kind::Snapshot), &write_records::<Vec<u8>>(&[])).unwrap();
    let (_, payload) = read(&file, Kind::Snapshot, "7f3a9c21e0b44d58").unwrap();
    assert!(read_records(&payload).unwrap().is_empty());
}

#[test]
fn a_file_cut_short_is_truncated() {
    let file = sample();
    for len in [0, 3, 8, 20, 60, file.len() - 1] {
        assert_eq!(
            read(&file[..len], Kind::Chunk, "7f3a9c21e0b44d58"),
            Err(Reason::Truncated),
            "cut at {len}"
        );
    }
}

#[test]
fn a_flipped_payload_byte_is_corrupted() {
    let mut file = sample();
    let last = file.len() - 1;
    file[last] ^= 0x40;
    assert_eq!(
        read(&file, Kind::Chunk, "7f3a9c21e0b44d58"),
        Err(Reason::Corrupted)
    );
}

#[test]
fn a_flipped_seq_in_the_header_is_corrupted_not_trusted() {
    let mut file = sample();
    // magic 8 + version 2 + team 17 + device 13: the first seq's low byte.
    file[8 + 2 + 17 + 13] ^= 0x01;
    assert_eq!(
        read(&file, Kind::Chunk, "7f3a9c21e0b44d58"),
        Err(Reason::Corrupted)
    );
}

#[test]
fn bytes_after_the_payload_are_corrupted() {
    let mut file = sample();
    file.push(0);
    assert_eq!(
        read(&file, Kind::Chunk, "7f3a9c21e0b44d58"),
        Err(Reason::Corrupted)
    );
}

#[test]
fn a_file_of_another_team_is_foreign() {
    assert_eq!(
        read(&sample(), Kind::Chunk, "0000000000000000"),
        Err(Reason::Foreign {
            found: "7f3a9c21e0b44d58".into()
        })
    );
    assert!(read_any_team(&sample(), Kind::Chunk).is_ok());
}

#[test]
fn a_newer_format_version_is_future_version() {
    let mut file = sample();
    file[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        read(&file, Kind::Chunk, "7f3a9c21e0b44d58"),
        Err(Reason::FutureVersion {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        })
    );
}

#[test]
fn other_files_are_not_tagdesk() {
    for bytes in [
        &b"PK\x03\x04 a zip file of some kind"[..],
        b"TAGDESKZ\x01\x00 unknown kind",
        b"hello",
    ] {
        assert_eq!(
            read(bytes, Kind::Chunk, "t"),
            Err(Reason::NotTagDesk),
            "{bytes:?}"
        );
    }
}

#[test]
fn a_pack_read_as_a_chunk_is_another_kind() {
    let file = write(&header(Kind::Pack), b"").unwrap();
    assert_eq!(
        read(&file, Kind::Chunk, "7f3a9c21e0b44d58"),
        Err(Reason::WrongKind { found: Kind::Pack })
    );
}

#[test]
fn the_writer_refuses_ids_that_cannot_name_a_folder_and_backwards_ranges() {
    let mut h = header(Kind::Chunk);
    h.device = "../evil".into();
    assert!(matches!(write(&h, b""), Err(WriteError::BadId(_))));
    let mut h = header(Kind::Chunk);
    h.first = 9;
    h.last = 3;
    assert_eq!(
        write(&h, b""),
        Err(WriteError::BadRange { first: 9, last: 3 })
    );
}

#[test]
fn a_record_length_past_the_payload_is_corrupted() {
    let mut payload = write_records(&[b"abc".to_vec()]);
    payload[0] = 9;
    assert_eq!(read_records(&payload), Err(Reason::Corrupted));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Damage never panics and never reads as the original: it is always a typed reason.
    #[test]
    fn flipped_or_cut_files_always_give_a_reason(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let original = sample();
        let mut file = original.clone();
        for (at, mask) in &flips {
            let i = at.index(file.len());
            file[i] ^= mask;
        }
        if let Some(cut) = cut {
            file.truncate(cut.index(file.len()));
        }
        // Two flips of one byte can cancel out; that is no damage.
        prop_assume!(file != original);
        let got = read(&file, Kind::Chunk, "7f3a9c21e0b44d58");
        prop_assert!(got.is_err(), "damaged file read as valid");
    }

    #[test]
    fn any_bytes_give_a_reason_or_a_file_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = read(&bytes, Kind::Chunk, "t");
        let _ = read_records(&bytes);
    }
}
