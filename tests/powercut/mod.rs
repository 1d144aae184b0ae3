//! A filesystem for power-cut tests, after `LazyFS` (INESC TEC and Jepsen, VLDB 2024): a FUSE
//! filesystem that keeps every write in memory and makes it durable only as POSIX promises.
//! A file's bytes are durable once the file is fsynced (fsync or fdatasync; the kernel sends
//! no request for `sync_file_range`, so that makes nothing durable here); a name (created,
//! renamed, swapped with `RENAME_EXCHANGE`, unlinked) is durable once its folder is fsynced.
//! [`PowerCut::cut`] then writes only what was durable back into the backing folder, which
//! is mounted afresh to see what a machine would find after the power came back.
//!
//! It is an in-memory filesystem over the backing folder's contents: the backing folder is
//! read whole when mounted and written back at the cut. Modes: drop everything not durable,
//! or keep a random prefix of each file's writes since its last fsync (a torn write).
//! Mounting needs root (the tests and CI run as root) and `/dev/fuse`.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use fuser::{
    Errno, FileAttr, FileHandle, FileType, Filesystem, FopenFlags, Generation, INodeNo, LockOwner,
    MountOption, OpenFlags, RenameFlags, ReplyAttr, ReplyCreate, ReplyData, ReplyDirectory,
    ReplyEmpty, ReplyEntry, ReplyOpen, ReplyStatfs, ReplyWrite, Request, TimeOrNow, WriteFlags,
};

const ROOT: u64 = 1;
/// No caching in the kernel: every lookup and attribute comes from the model.
const TTL: Duration = Duration::ZERO;

/// What a cut keeps of the writes not yet durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Nothing: every file as last fsynced.
    DropAll,
    /// Of each file's writes since its last fsync, a random prefix (seeded), as a disk that
    /// had written some of its queue when the power went.
    Torn(u64),
}

/// One write or truncation since a file's last fsync, in order.
#[derive(Debug, Clone)]
enum Change {
    Write { offset: u64, data: Vec<u8> },
    SetLen(u64),
}

#[derive(Debug, Clone)]
enum Body {
    File {
        data: Vec<u8>,
        durable: Vec<u8>,
        since: Vec<Change>,
    },
    Dir {
        entries: BTreeMap<OsString, u64>,
        durable: BTreeMap<OsString, u64>,
    },
}

impl Body {
    fn empty_file() -> Self {
        Body::File {
            data: Vec::new(),
            durable: Vec::new(),
            since: Vec::new(),
        }
    }

    fn empty_dir() -> Self {
        Body::Dir {
            entries: BTreeMap::new(),
            durable: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone)]
struct Node {
    body: Body,
    perm: u16,
    uid: u32,
    gid: u32,
    mtime: SystemTime,
}

#[derive(Debug, Default)]
struct Model {
    nodes: HashMap<u64, Node>,
    next: u64,
    /// fsyncs seen, for tests that want to know the writer synced at all.
    syncs: u64,
}

impl Model {
    /// The backing folder's contents, all durable.
    fn load(backing: &Path) -> Self {
        let mut model = Model {
            next: ROOT + 1,
            ..Model::default()
        };
        model.load_dir(ROOT, backing);
        model
    }

    fn load_dir(&mut self, ino: u64, path: &Path) {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).unwrap();
        let mut entries = BTreeMap::new();
        for entry in std::fs::read_dir(path).unwrap() {
            let entry = entry.unwrap();
            let child = self.next;
            self.next += 1;
            if entry.file_type().unwrap().is_dir() {
                self.load_dir(child, &entry.path());
            } else {
                let m = entry.metadata().unwrap();
                let data = std::fs::read(entry.path()).unwrap();
                self.nodes.insert(
                    child,
                    Node {
                        body: Body::File {
                            durable: data.clone(),
                            data,
                            since: Vec::new(),
                        },
                        perm: (m.mode() & 0o7777) as u16,
                        uid: m.uid(),
                        gid: m.gid(),
                        mtime: m.modified().unwrap(),
                    },
                );
            }
            entries.insert(entry.file_name(), child);
        }
        self.nodes.insert(
            ino,
            Node {
                body: Body::Dir {
                    durable: entries.clone(),
                    entries,
                },
                perm: (meta.mode() & 0o7777) as u16,
                uid: meta.uid(),
                gid: meta.gid(),
                mtime: meta.modified().unwrap(),
            },
        );
    }

    fn attr(&self, ino: u64) -> Option<FileAttr> {
        let node = self.nodes.get(&ino)?;
        let (kind, size) = match &node.body {
            Body::File { data, .. } => (FileType::RegularFile, data.len() as u64),
            Body::Dir { entries, .. } => (FileType::Directory, entries.len() as u64),
        };
        Some(FileAttr {
            ino: INodeNo(ino),
            size,
            blocks: size.div_ceil(512),
            atime: node.mtime,
            mtime: node.mtime,
            ctime: node.mtime,
            crtime: node.mtime,
            kind,
            perm: node.perm,
            nlink: 1,
            uid: node.uid,
            gid: node.gid,
            rdev: 0,
            blksize: 4096,
            flags: 0,
        })
    }

    fn entries(&mut self, ino: u64) -> Option<&mut BTreeMap<OsString, u64>> {
        match &mut self.nodes.get_mut(&ino)?.body {
            Body::Dir { entries, .. } => Some(entries),
            Body::File { .. } => None,
        }
    }

    fn child(&mut self, parent: u64, name: &OsStr) -> Option<u64> {
        self.entries(parent)?.get(name).copied()
    }

    /// A new node named `name` in `parent` (not durable until `parent` is fsynced).
    fn add(
        &mut self,
        parent: u64,
        name: &OsStr,
        body: Body,
        req: &Request,
        mode: u32,
    ) -> Result<u64, Errno> {
        let ino = self.next;
        let entries = self.entries(parent).ok_or(Errno::ENOTDIR)?;
        if entries.contains_key(name) {
            return Err(Errno::EEXIST);
        }
        entries.insert(name.to_owned(), ino);
        self.next += 1;
        self.nodes.insert(
            ino,
            Node {
                body,
                perm: (mode & 0o7777) as u16,
                uid: req.uid(),
                gid: req.gid(),
                mtime: SystemTime::now(),
            },
        );
        Ok(ino)
    }

    /// An fsync of a file (its bytes) or a folder (its names): what it holds now is what a
    /// power cut leaves.
    fn make_durable(&mut self, ino: u64) {
        self.syncs += 1;
        match self.nodes.get_mut(&ino).map(|n| &mut n.body) {
            Some(Body::File {
                data,
                durable,
                since,
            }) => {
                durable.clone_from(data);
                since.clear();
            }
            Some(Body::Dir { entries, durable }) => durable.clone_from(entries),
            None => {}
        }
    }

    /// The durable tree under `ino`, written into `path` (which exists and is empty).
    fn write_durable(&self, ino: u64, path: &Path, cut: Cut, rng: &mut fastrand::Rng) {
        use std::os::unix::fs::PermissionsExt;
        let Some(Node {
            body: Body::Dir { durable, .. },
            ..
        }) = self.nodes.get(&ino)
        else {
            return;
        };
        for (name, child) in durable {
            let Some(node) = self.nodes.get(child) else {
                continue;
            };
            let target = path.join(name);
            match &node.body {
                Body::Dir { .. } => {
                    std::fs::create_dir(&target).unwrap();
                    self.write_durable(*child, &target, cut, rng);
                }
                Body::File { durable, since, .. } => {
                    let mut bytes = durable.clone();
                    if let Cut::Torn(_) = cut {
                        let kept = rng.usize(..=since.len());
                        for change in &since[..kept] {
                            apply(&mut bytes, change);
                        }
                    }
                    std::fs::write(&target, bytes).unwrap();
                }
            }
            std::fs::set_permissions(
                &target,
                std::fs::Permissions::from_mode(u32::from(node.perm)),
            )
            .unwrap();
        }
    }
}

fn apply(bytes: &mut Vec<u8>, change: &Change) {
    match change {
        Change::Write { offset, data } => {
            let at = usize::try_from(*offset).unwrap();
            if bytes.len() < at + data.len() {
                bytes.resize(at + data.len(), 0);
            }
            bytes[at..at + data.len()].copy_from_slice(data);
        }
        Change::SetLen(len) => bytes.resize(usize::try_from(*len).unwrap(), 0),
    }
}

/// The FUSE side: every request answered from the model.
struct Fs(Arc<Mutex<Model>>);

impl Fs {
    fn model(&self) -> std::sync::MutexGuard<'_, Model> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Fs {
    /// A new file or folder, answered with its attributes.
    fn add_entry(
        &self,
        req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        body: Body,
        reply: ReplyEntry,
    ) {
        let mut model = self.model();
        match model.add(parent.0, name, body, req, mode) {
            Ok(ino) => reply.entry(&TTL, &model.attr(ino).unwrap(), Generation(0)),
            Err(e) => reply.error(e),
        }
    }
}

impl Filesystem for Fs {
    fn lookup(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let mut model = self.model();
        match model.child(parent.0, name).and_then(|c| model.attr(c)) {
            Some(attr) => reply.entry(&TTL, &attr, Generation(0)),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn getattr(&self, _req: &Request, ino: INodeNo, _fh: Option<FileHandle>, reply: ReplyAttr) {
        match self.model().attr(ino.0) {
            Some(attr) => reply.attr(&TTL, &attr),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn setattr(
        &self,
        _req: &Request,
        ino: INodeNo,
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        _atime: Option<TimeOrNow>,
        _mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<FileHandle>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<fuser::BsdFileFlags>,
        reply: ReplyAttr,
    ) {
        let mut model = self.model();
        let Some(node) = model.nodes.get_mut(&ino.0) else {
            return reply.error(Errno::ENOENT);
        };
        if let Some(mode) = mode {
            node.perm = (mode & 0o7777) as u16;
        }
        if let Some(uid) = uid {
            node.uid = uid;
        }
        if let Some(gid) = gid {
            node.gid = gid;
        }
        if let (Some(len), Body::File { data, since, .. }) = (size, &mut node.body) {
            data.resize(usize::try_from(len).unwrap(), 0);
            since.push(Change::SetLen(len));
            node.mtime = SystemTime::now();
        }
        let attr = model.attr(ino.0).unwrap();
        reply.attr(&TTL, &attr);
    }

    fn mknod(
        &self,
        req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        _rdev: u32,
        reply: ReplyEntry,
    ) {
        self.add_entry(req, parent, name, mode, Body::empty_file(), reply);
    }

    fn mkdir(
        &self,
        req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        reply: ReplyEntry,
    ) {
        self.add_entry(req, parent, name, mode, Body::empty_dir(), reply);
    }

    fn unlink(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        let mut model = self.model();
        match model.entries(parent.0).and_then(|e| e.remove(name)) {
            Some(_) => reply.ok(),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn rmdir(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        let mut model = self.model();
        let Some(child) = model.child(parent.0, name) else {
            return reply.error(Errno::ENOENT);
        };
        if model.entries(child).is_some_and(|e| !e.is_empty()) {
            return reply.error(Errno::ENOTEMPTY);
        }
        model.entries(parent.0).unwrap().remove(name);
        reply.ok();
    }

    fn rename(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        newparent: INodeNo,
        newname: &OsStr,
        flags: RenameFlags,
        reply: ReplyEmpty,
    ) {
        let mut model = self.model();
        let Some(moving) = model.child(parent.0, name) else {
            return reply.error(Errno::ENOENT);
        };
        if flags.contains(RenameFlags::RENAME_EXCHANGE) {
            let Some(other) = model.child(newparent.0, newname) else {
                return reply.error(Errno::ENOENT);
            };
            model
                .entries(parent.0)
                .unwrap()
                .insert(name.to_owned(), other);
            model
                .entries(newparent.0)
                .unwrap()
                .insert(newname.to_owned(), moving);
            return reply.ok();
        }
        if flags.contains(RenameFlags::RENAME_NOREPLACE)
            && model.child(newparent.0, newname).is_some()
        {
            return reply.error(Errno::EEXIST);
        }
        if let Some(target) = model.child(newparent.0, newname)
            && model.entries(target).is_some_and(|e| !e.is_empty())
        {
            return reply.error(Errno::ENOTEMPTY);
        }
        model.entries(parent.0).unwrap().remove(name);
        match model.entries(newparent.0) {
            Some(entries) => {
                entries.insert(newname.to_owned(), moving);
                reply.ok();
            }
            None => reply.error(Errno::ENOTDIR),
        }
    }

    fn open(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        if self.model().nodes.contains_key(&ino.0) {
            reply.opened(FileHandle(0), FopenFlags::empty());
        } else {
            reply.error(Errno::ENOENT);
        }
    }

    fn create(
        &self,
        req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        _flags: i32,
        reply: ReplyCreate,
    ) {
        let mut model = self.model();
        let body = Body::empty_file();
        match model.add(parent.0, name, body, req, mode) {
            Ok(ino) => {
                let attr = model.attr(ino).unwrap();
                reply.created(
                    &TTL,
                    &attr,
                    Generation(0),
                    FileHandle(0),
                    FopenFlags::empty(),
                );
            }
            Err(e) => reply.error(e),
        }
    }

    fn read(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        size: u32,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyData,
    ) {
        let model = self.model();
        match model.nodes.get(&ino.0).map(|n| &n.body) {
            Some(Body::File { data, .. }) => {
                let from = usize::try_from(offset).unwrap().min(data.len());
                let to = (from + size as usize).min(data.len());
                reply.data(&data[from..to]);
            }
            Some(Body::Dir { .. }) => reply.error(Errno::EISDIR),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn write(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        bytes: &[u8],
        _write_flags: WriteFlags,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyWrite,
    ) {
        let mut model = self.model();
        let Some(node) = model.nodes.get_mut(&ino.0) else {
            return reply.error(Errno::ENOENT);
        };
        let Body::File { data, since, .. } = &mut node.body else {
            return reply.error(Errno::EISDIR);
        };
        let change = Change::Write {
            offset,
            data: bytes.to_vec(),
        };
        apply(data, &change);
        since.push(change);
        node.mtime = SystemTime::now();
        reply.written(u32::try_from(bytes.len()).unwrap());
    }

    fn flush(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _lock_owner: LockOwner,
        reply: ReplyEmpty,
    ) {
        reply.ok();
    }

    fn fsync(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        self.model().make_durable(ino.0);
        reply.ok();
    }

    fn readdir(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        mut reply: ReplyDirectory,
    ) {
        let mut model = self.model();
        let Some(entries) = model.entries(ino.0).cloned() else {
            return reply.error(Errno::ENOTDIR);
        };
        let mut all = vec![
            (ino.0, FileType::Directory, OsString::from(".")),
            (ROOT, FileType::Directory, OsString::from("..")),
        ];
        for (name, child) in entries {
            let kind = match model.nodes.get(&child).map(|n| &n.body) {
                Some(Body::Dir { .. }) => FileType::Directory,
                _ => FileType::RegularFile,
            };
            all.push((child, kind, name));
        }
        for (i, (child, kind, name)) in all
            .into_iter()
            .enumerate()
            .skip(usize::try_from(offset).unwrap())
        {
            if reply.add(INodeNo(child), (i + 1) as u64, kind, &name) {
                break;
            }
        }
        reply.ok();
    }

    fn fsyncdir(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        self.model().make_durable(ino.0);
        reply.ok();
    }

    fn statfs(&self, _req: &Request, _ino: INodeNo, reply: ReplyStatfs) {
        reply.statfs(1 << 20, 1 << 19, 1 << 19, 1 << 20, 1 << 19, 4096, 255, 4096);
    }

    fn access(&self, _req: &Request, _ino: INodeNo, _mask: fuser::AccessFlags, reply: ReplyEmpty) {
        reply.ok();
    }
}

/// A mounted power-cut filesystem over a backing folder.
pub struct PowerCut {
    backing: PathBuf,
    mount: PathBuf,
    model: Arc<Mutex<Model>>,
    session: Option<fuser::BackgroundSession>,
}

impl PowerCut {
    /// Mounts the backing folder's contents at `mount` (an empty folder).
    pub fn mount(backing: &Path, mount: &Path) -> Self {
        let model = Arc::new(Mutex::new(Model::load(backing)));
        let mut config = fuser::Config::default();
        config
            .mount_options
            .push(MountOption::FSName("powercut".to_owned()));
        let session =
            fuser::spawn_mount(Fs(Arc::clone(&model)), mount, &config).unwrap_or_else(|e| {
                panic!("mounting the power-cut filesystem (needs root and /dev/fuse): {e}")
            });
        Self {
            backing: backing.to_owned(),
            mount: mount.to_owned(),
            model,
            session: Some(session),
        }
    }

    /// Where the filesystem is mounted.
    pub fn path(&self) -> &Path {
        &self.mount
    }

    /// How many fsyncs (of files and folders) the filesystem has seen.
    pub fn syncs(&self) -> u64 {
        self.model.lock().unwrap().syncs
    }

    /// Cuts the power: what was durable, and only that (with `Cut::Torn`, also a prefix of
    /// each file's later writes), is written back to the backing folder, and the filesystem
    /// is unmounted. Whoever used it should be killed first.
    pub fn cut(mut self, cut: Cut) {
        // Unmounted first, so that nothing writes while the durable part is written back.
        if let Some(session) = self.session.take() {
            let _ = session.umount_and_join();
        }
        let seed = match cut {
            Cut::Torn(seed) => seed,
            Cut::DropAll => 0,
        };
        let mut rng = fastrand::Rng::with_seed(seed);
        std::fs::remove_dir_all(&self.backing).unwrap();
        std::fs::create_dir(&self.backing).unwrap();
        let model = self
            .model
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        model.write_durable(ROOT, &self.backing, cut, &mut rng);
    }
}

impl Drop for PowerCut {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            let _ = session.umount_and_join();
        }
    }
}
