//! The byte layout of a saved index: little-endian numbers, length-prefixed arrays copied in
//! bulk, roaring's own serialized bitmaps, and a CRC-32 of everything before it at the end, so
//! a file cut short or damaged is refused instead of read.

use roaring::RoaringBitmap;
use std::io::{self, Read, Write};

/// Bytes converted per bulk copy.
const CHUNK: usize = 64 * 1024;

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

pub struct Encoder<W: Write> {
    inner: W,
    crc: crc32fast::Hasher,
    buf: Vec<u8>,
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.crc.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Plain values an array of which is copied as little-endian bytes.
pub trait Plain: Copy {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    fn take(bytes: &[u8]) -> Self;
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Plain for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn take(bytes: &[u8]) -> Self {
                <$t>::from_le_bytes(bytes.try_into().expect("sized by the caller"))
            }
        }
    )*};
}
plain!(u32, u64, i64, f64);

impl<W: Write> Encoder<W> {
    pub fn new(inner: W) -> Self {
        Encoder {
            inner,
            crc: crc32fast::Hasher::new(),
            buf: Vec::with_capacity(CHUNK),
        }
    }

    pub fn u32(&mut self, v: u32) -> io::Result<()> {
        self.write_all(&v.to_le_bytes())
    }

    pub fn u64(&mut self, v: u64) -> io::Result<()> {
        self.write_all(&v.to_le_bytes())
    }

    pub fn i64(&mut self, v: i64) -> io::Result<()> {
        self.write_all(&v.to_le_bytes())
    }

    pub fn f64(&mut self, v: f64) -> io::Result<()> {
        self.write_all(&v.to_le_bytes())
    }

    pub fn str(&mut self, s: &str) -> io::Result<()> {
        self.u64(s.len() as u64)?;
        self.write_all(s.as_bytes())
    }

    pub fn array<T: Plain>(&mut self, values: &[T]) -> io::Result<()> {
        self.u64(values.len() as u64)?;
        for chunk in values.chunks(CHUNK / T::SIZE) {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            chunk.iter().for_each(|v| v.put(&mut buf));
            let written = self.write_all(&buf);
            self.buf = buf;
            written?;
        }
        Ok(())
    }

    pub fn bitmap(&mut self, set: &RoaringBitmap) -> io::Result<()> {
        self.u64(set.serialized_size() as u64)?;
        set.serialize_into(&mut *self)
    }

    /// Writes the checksum of everything written so far and hands back the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let crc = std::mem::take(&mut self.crc).finalize();
        self.inner.write_all(&crc.to_le_bytes())?;
        Ok(self.inner)
    }
}

pub struct Decoder<R: Read> {
    inner: R,
    crc: crc32fast::Hasher,
    /// Bytes left before the checksum: no length read from the file may claim more.
    left: u64,
    buf: Vec<u8>,
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let want = out.len().min(self.left.try_into().unwrap_or(usize::MAX));
        let n = self.inner.read(&mut out[..want])?;
        self.crc.update(&out[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

impl<R: Read> Decoder<R> {
    /// Reads a file of `len` bytes (checksum included).
    pub fn new(inner: R, len: u64) -> io::Result<Self> {
        Ok(Decoder {
            inner,
            crc: crc32fast::Hasher::new(),
            left: len.checked_sub(4).ok_or_else(|| bad("too short"))?,
            buf: vec![0; CHUNK],
        })
    }

    fn fixed<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut b = [0; N];
        self.read_exact(&mut b)?;
        Ok(b)
    }

    pub fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.fixed()?))
    }

    pub fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(self.fixed()?))
    }

    pub fn i64(&mut self) -> io::Result<i64> {
        Ok(i64::from_le_bytes(self.fixed()?))
    }

    pub fn f64(&mut self) -> io::Result<f64> {
        Ok(f64::from_le_bytes(self.fixed()?))
    }

    /// A count of items of `size` bytes each, refused when the file cannot hold them.
    pub fn len(&mut self, size: usize) -> io::Result<usize> {
        let n = self.u64()?;
        if n.saturating_mul(size.max(1) as u64) > self.left {
            return Err(bad("a length beyond the end of the file"));
        }
        Ok(n as usize)
    }

    pub fn string(&mut self) -> io::Result<String> {
        let n = self.len(1)?;
        let mut bytes = vec![0; n];
        self.read_exact(&mut bytes)?;
        String::from_utf8(bytes).map_err(|_| bad("text that is not UTF-8"))
    }

    pub fn array<T: Plain>(&mut self) -> io::Result<Vec<T>> {
        let n = self.len(T::SIZE)?;
        let mut out = Vec::with_capacity(n);
        let mut buf = std::mem::take(&mut self.buf);
        while out.len() < n {
            let take = (n - out.len()).min(CHUNK / T::SIZE) * T::SIZE;
            let read = self.read_exact(&mut buf[..take]);
            if let Err(e) = read {
                self.buf = buf;
                return Err(e);
            }
            out.extend(buf[..take].chunks_exact(T::SIZE).map(T::take));
        }
        self.buf = buf;
        Ok(out)
    }

    pub fn bitmap(&mut self) -> io::Result<RoaringBitmap> {
        let n = self.len(1)? as u64;
        let before = self.left;
        let set = RoaringBitmap::deserialize_from(&mut *self)?;
        if before - self.left != n {
            return Err(bad("a bitmap of another size than recorded"));
        }
        Ok(set)
    }

    /// Checks that everything was read and matches the checksum at the end.
    pub fn finish(mut self) -> io::Result<()> {
        if self.left != 0 {
            return Err(bad("bytes left over"));
        }
        let expected = std::mem::take(&mut self.crc).finalize();
        let mut b = [0; 4];
        self.inner.read_exact(&mut b)?;
        if u32::from_le_bytes(b) != expected {
            return Err(bad("checksum mismatch"));
        }
        Ok(())
    }
}
