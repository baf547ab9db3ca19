package wasi

import "math"

// The fd_* functions: operations on an open descriptor.

func (c *call) fdClose(a args) Errno {
	fd := a.u32(0)
	d, e := c.get(fd, 0)
	if e != ErrnoSuccess {
		return e
	}
	c.fds[fd] = nil
	return d.close()
}

// fdRenumber moves descriptor from onto to, closing what to was. Both
// must be open (as in wasmtime: preview1 has no dup2 onto a free number).
func (c *call) fdRenumber(a args) Errno {
	from, to := a.u32(0), a.u32(1)
	d, e := c.get(from, 0)
	if e != ErrnoSuccess {
		return e
	}
	old, e := c.get(to, 0)
	if e != ErrnoSuccess {
		return e
	}
	if from == to {
		return ErrnoSuccess
	}
	c.fds[to], c.fds[from] = d, nil
	old.close()
	return ErrnoSuccess
}

func (c *call) fdFdstatGet(a args) Errno {
	d, e := c.get(a.u32(0), 0)
	if e != ErrnoSuccess {
		return e
	}
	var b [fdstatSize]byte
	b[0] = d.typ
	le.PutUint16(b[fdstatFlagsOffset:], d.fdflags)
	le.PutUint64(b[fdstatRightsBase:], d.rights)
	le.PutUint64(b[fdstatRightsInherited:], d.inheriting)
	if !c.mem.write(a.u32(1), b[:]) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// fdFdstatSetFlags changes append and nonblock; the synchronization
// flags are fixed when a file is opened.
func (c *call) fdFdstatSetFlags(a args) Errno {
	d, e := c.get(a.u32(0), rightFdFdstatSetFlags)
	if e != ErrnoSuccess {
		return e
	}
	flags := uint16(a.u32(1))
	if flags&(fdflagDsync|fdflagRsync|fdflagSync) != d.fdflags&(fdflagDsync|fdflagRsync|fdflagSync) {
		return ErrnoNotSup
	}
	if e := d.f.setFlags(flags & (fdflagAppend | fdflagNonblock)); e != ErrnoSuccess {
		return e
	}
	d.fdflags = flags
	return ErrnoSuccess
}

// fdFdstatSetRights can only take rights away.
func (c *call) fdFdstatSetRights(a args) Errno {
	d, e := c.get(a.u32(0), 0)
	if e != ErrnoSuccess {
		return e
	}
	base, inh := a.u64(1), a.u64(2)
	if base&^d.rights != 0 || inh&^d.inheriting != 0 {
		return ErrnoNotCapable
	}
	d.rights, d.inheriting = base, inh
	return ErrnoSuccess
}

func (c *call) fdFilestatGet(a args) Errno {
	d, e := c.get(a.u32(0), rightFdFilestatGet)
	if e != ErrnoSuccess {
		return e
	}
	st, e := d.f.stat()
	if e != ErrnoSuccess {
		return e
	}
	return c.putFilestat(a.u32(1), st)
}

func (c *call) putFilestat(p uint32, st filestat) Errno {
	var b [filestatSize]byte
	le.PutUint64(b[0:], st.dev)
	le.PutUint64(b[8:], st.ino)
	b[16] = st.typ
	le.PutUint64(b[24:], st.nlink)
	le.PutUint64(b[32:], st.size)
	le.PutUint64(b[40:], st.atim)
	le.PutUint64(b[48:], st.mtim)
	le.PutUint64(b[56:], st.ctim)
	if !c.mem.write(p, b[:]) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) fdFilestatSetSize(a args) Errno {
	d, e := c.get(a.u32(0), rightFdFilestatSetSize)
	if e != ErrnoSuccess {
		return e
	}
	size := a.u64(1)
	if size > math.MaxInt64 {
		return ErrnoFbig
	}
	return d.f.truncate(int64(size))
}

func (c *call) fdFilestatSetTimes(a args) Errno {
	d, e := c.get(a.u32(0), rightFdFilestatSetTimes)
	if e != ErrnoSuccess {
		return e
	}
	return d.f.setTimes(setTimes{atim: int64(a.u64(1)), mtim: int64(a.u64(2)), flags: uint16(a.u32(3))})
}

func (c *call) fdAdvise(a args) Errno {
	d, e := c.get(a.u32(0), rightFdAdvise)
	if e != ErrnoSuccess {
		return e
	}
	off, n, advice := a.u64(1), a.u64(2), a.u32(3)
	if off > math.MaxInt64 || n > math.MaxInt64 || advice > adviceNoReuse {
		return ErrnoInval
	}
	if d.typ == fileTypeDirectory {
		return ErrnoBadf
	}
	return d.f.advise(int64(off), int64(n), int(advice))
}

func (c *call) fdAllocate(a args) Errno {
	d, e := c.get(a.u32(0), rightFdAllocate)
	if e != ErrnoSuccess {
		return e
	}
	off, n := a.u64(1), a.u64(2)
	if off > math.MaxInt64 || n > math.MaxInt64 || off+n > math.MaxInt64 {
		return ErrnoFbig
	}
	return d.f.allocate(int64(off), int64(n))
}

func (c *call) fdDatasync(a args) Errno {
	d, e := c.get(a.u32(0), rightFdDatasync)
	if e != ErrnoSuccess {
		return e
	}
	return d.f.sync(true)
}

func (c *call) fdSync(a args) Errno {
	d, e := c.get(a.u32(0), rightFdSync)
	if e != ErrnoSuccess {
		return e
	}
	return d.f.sync(false)
}

func (c *call) fdSeek(a args) Errno {
	off, whence := int64(a.u64(1)), a.u32(2)
	need := rightFdSeek
	if off == 0 && whence == whenceCur {
		need = rightFdTell
	}
	d, e := c.get(a.u32(0), need)
	if e != ErrnoSuccess {
		return e
	}
	if whence > whenceEnd {
		return ErrnoInval
	}
	pos, e := d.f.seek(off, int(whence))
	if e != ErrnoSuccess {
		return e
	}
	if !c.mem.putU64(a.u32(3), uint64(pos)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) fdTell(a args) Errno {
	d, e := c.get(a.u32(0), rightFdTell)
	if e != ErrnoSuccess {
		return e
	}
	pos, e := d.f.seek(0, whenceCur)
	if e != ErrnoSuccess {
		return e
	}
	if !c.mem.putU64(a.u32(1), uint64(pos)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// transfer moves data between a descriptor and the buffers of an iovec
// array, one buffer at a time, as readv and writev do: it stops at the
// first short transfer, and an error after some bytes moved is a
// success of those bytes (the next call reports it).
func transfer(bufs [][]byte, op func(p []byte, done int64) (int, Errno)) (uint32, Errno) {
	var total int64
	for _, b := range bufs {
		if len(b) == 0 {
			continue
		}
		n, e := op(b, total)
		total += int64(n)
		if e != ErrnoSuccess {
			if total > 0 {
				return uint32(total), ErrnoSuccess
			}
			return 0, e
		}
		if n < len(b) {
			break
		}
	}
	return uint32(total), ErrnoSuccess
}

// rw is the common body of fd_read, fd_write, fd_pread and fd_pwrite:
// arguments (fd, iovs, iovs_len, [offset,] result pointer).
func (c *call) rw(a args, need uint64, withOffset bool, op func(f file, p []byte, off int64) (int, Errno)) Errno {
	d, e := c.get(a.u32(0), need)
	if e != ErrnoSuccess {
		return e
	}
	bufs, e := c.mem.iovecs(a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	var off int64
	resultPtr := a.u32(3)
	if withOffset {
		if a.u64(3) > math.MaxInt64 {
			return ErrnoInval
		}
		off, resultPtr = int64(a.u64(3)), a.u32(4)
		if d.typ == fileTypeDirectory {
			return ErrnoIsDir
		}
	}
	n, e := transfer(bufs, func(p []byte, done int64) (int, Errno) { return op(d.f, p, off+done) })
	if e != ErrnoSuccess {
		return e
	}
	if !c.mem.putU32(resultPtr, n) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) fdRead(a args) Errno {
	return c.rw(a, rightFdRead, false, func(f file, p []byte, _ int64) (int, Errno) { return f.read(p) })
}

func (c *call) fdWrite(a args) Errno {
	return c.rw(a, rightFdWrite, false, func(f file, p []byte, _ int64) (int, Errno) { return f.write(p) })
}

func (c *call) fdPread(a args) Errno {
	return c.rw(a, rightFdRead|rightFdSeek, true, file.pread)
}

func (c *call) fdPwrite(a args) Errno {
	return c.rw(a, rightFdWrite|rightFdSeek, true, file.pwrite)
}

func (c *call) fdPrestatGet(a args) Errno {
	d, e := c.get(a.u32(0), 0)
	if e != ErrnoSuccess {
		return e
	}
	if d.preopen == "" {
		return ErrnoBadf
	}
	var b [prestatSize]byte
	b[0] = preopenTypeDir
	le.PutUint32(b[4:], uint32(len(d.preopen)))
	if !c.mem.write(a.u32(1), b[:]) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) fdPrestatDirName(a args) Errno {
	d, e := c.get(a.u32(0), 0)
	if e != ErrnoSuccess {
		return e
	}
	if d.preopen == "" {
		return ErrnoBadf
	}
	if a.u32(2) < uint32(len(d.preopen)) {
		return ErrnoNameTooLong
	}
	if !c.mem.write(a.u32(1), []byte(d.preopen)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// fdReaddir fills the buffer with dirents from the cookie on. The
// listing is taken when cookie 0 is asked for (rewinddir), so the
// cookies of one pass over a directory stay consistent; "." and ".."
// come first. The last entry may be cut off at the end of the buffer:
// a full buffer tells the module to ask again, with a larger one.
func (c *call) fdReaddir(a args) Errno {
	d, e := c.get(a.u32(0), rightFdReaddir)
	if e != ErrnoSuccess {
		return e
	}
	if d.dir == nil {
		return ErrnoNotDir
	}
	buf, ok := c.mem.slice(a.u32(1), a.u32(2))
	if !ok {
		return ErrnoFault
	}
	cookie := a.u64(3)
	if cookie == 0 || d.listing == nil {
		if d.listing, e = c.listing(d); e != ErrnoSuccess {
			return e
		}
	}
	used := 0
	for i := cookie; i < uint64(len(d.listing)) && used < len(buf); i++ {
		ent := d.listing[i]
		var hdr [direntSize]byte
		le.PutUint64(hdr[0:], i+1)
		le.PutUint64(hdr[8:], ent.ino)
		le.PutUint32(hdr[16:], uint32(len(ent.name)))
		hdr[20] = ent.typ
		used += copy(buf[used:], hdr[:])
		used += copy(buf[used:], ent.name)
	}
	if !c.mem.putU32(a.u32(4), uint32(used)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// listing lists directory d: ".", "..", then its entries.
func (c *call) listing(d *descriptor) ([]dirEntry, Errno) {
	ents, e := d.f.readdir()
	if e != ErrnoSuccess {
		return nil, e
	}
	self, e := d.f.stat()
	if e != ErrnoSuccess {
		return nil, e
	}
	// A directory descriptor cannot reach its parent: ".." is listed
	// with the directory's own inode, as a file system's root lists it.
	parent := self.ino
	out := make([]dirEntry, 0, len(ents)+2)
	out = append(out, dirEntry{name: ".", typ: fileTypeDirectory, ino: self.ino},
		dirEntry{name: "..", typ: fileTypeDirectory, ino: parent})
	return append(out, ents...), ErrnoSuccess
}
