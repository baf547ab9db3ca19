package wasi

// The path_* functions: operations on a path relative to a directory
// descriptor. A path is never absolute (ENOTCAPABLE: preview1 paths are
// relative to the directory they are resolved in, and a module reaches
// "/" only through a preopen named "/"), and the tree it resolves in
// refuses any path that climbs out of it.

// resolve returns directory descriptor fd, which must have the rights in
// need, and the path at p, n (relative to it).
func (c *call) resolve(fd uint32, need uint64, p, n uint32) (*descriptor, string, Errno) {
	d, e := c.getDir(fd, need)
	if e != ErrnoSuccess {
		return nil, "", e
	}
	name, e := c.mem.path(p, n)
	if e != ErrnoSuccess {
		return nil, "", e
	}
	switch {
	case name == "":
		return nil, "", ErrnoNoent
	case name[0] == '/':
		return nil, "", ErrnoNotCapable
	}
	return d, name, ErrnoSuccess
}

func (c *call) pathOpen(a args) Errno {
	lookup, oflags := a.u32(1), uint16(a.u32(4))
	// Argument 6, the rights to pass on, only matters for directories,
	// which get what their parent passes on (see below).
	base, fdflags := a.u64(5), uint16(a.u32(7))
	need := rightPathOpen
	if oflags&oflagCreat != 0 {
		need |= rightPathCreateFile
	}
	if oflags&oflagTrunc != 0 {
		need |= rightPathFilestatSetSize
	}
	d, name, e := c.resolve(a.u32(0), need, a.u32(2), a.u32(3))
	if e != ErrnoSuccess {
		return e
	}
	// The access mode follows from the rights asked for, as wasi-libc
	// and Go derive them from O_RDONLY, O_WRONLY and O_RDWR: so O_RDWR on
	// a read-only tree is EROFS, as on a read-only mount, and
	// ENOTCAPABLE where the directory may not pass FD_WRITE on.
	o := openOptions{
		follow:  lookup&lookupSymlinkFollow != 0,
		oflags:  oflags,
		read:    base&(rightFdRead|rightFdReaddir) != 0,
		write:   base&rightFdWrite != 0,
		fdflags: fdflags,
	}
	if o.write && d.inheriting&rightFdWrite == 0 && !d.dir.readOnly() {
		return ErrnoNotCapable
	}
	f, e := d.dir.open(name, o)
	if e != ErrnoSuccess {
		return e
	}
	typ := f.fileType()
	if oflags&oflagDirectory != 0 && typ != fileTypeDirectory {
		f.close()
		return ErrnoNotDir
	}
	nd := &descriptor{f: f, typ: typ,
		fdflags: fdflags & (fdflagAppend | fdflagNonblock | fdflagDsync | fdflagRsync | fdflagSync)}
	maxBase, maxInh := rightsOf(typ, d.dir, o.read, o.write)
	if typ == fileTypeDirectory {
		// A directory gets every right its parent passes on, whatever
		// was asked: wasi-libc and Go ask for rights that mean nothing
		// to them on a directory (and too few: Go's O_RDONLY directories
		// lack PATH_FILESTAT_SET_SIZE, which O_TRUNC needs), and the
		// runtimes they are tested on do not enforce rights. What the
		// module drops itself (fd_fdstat_set_rights) stays dropped.
		nd.rights, nd.inheriting = d.inheriting&maxBase, d.inheriting&maxInh
		if nd.dir, e = d.dir.sub(name); e != ErrnoSuccess {
			f.close()
			return e
		}
	} else {
		// A file gets the rights asked for, as far as the directory
		// passes them on and its kind and access mode allow.
		nd.rights = base & d.inheriting & maxBase
	}
	fd := c.add(nd)
	if !c.mem.putU32(a.u32(8), fd) {
		// The module cannot learn the new descriptor's number.
		c.fds[fd] = nil
		nd.close()
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) pathCreateDirectory(a args) Errno {
	d, name, e := c.resolve(a.u32(0), rightPathCreateDirectory, a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	return d.dir.mkdir(name)
}

func (c *call) pathRemoveDirectory(a args) Errno {
	d, name, e := c.resolve(a.u32(0), rightPathRemoveDirectory, a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	return d.dir.rmdir(name)
}

func (c *call) pathUnlinkFile(a args) Errno {
	d, name, e := c.resolve(a.u32(0), rightPathUnlinkFile, a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	return d.dir.unlink(name)
}

func (c *call) pathFilestatGet(a args) Errno {
	d, name, e := c.resolve(a.u32(0), rightPathFilestatGet, a.u32(2), a.u32(3))
	if e != ErrnoSuccess {
		return e
	}
	st, e := d.dir.stat(name, a.u32(1)&lookupSymlinkFollow != 0)
	if e != ErrnoSuccess {
		return e
	}
	return c.putFilestat(a.u32(4), st)
}

func (c *call) pathFilestatSetTimes(a args) Errno {
	d, name, e := c.resolve(a.u32(0), rightPathFilestatSetTimes, a.u32(2), a.u32(3))
	if e != ErrnoSuccess {
		return e
	}
	t := setTimes{atim: int64(a.u64(4)), mtim: int64(a.u64(5)), flags: uint16(a.u32(6))}
	return d.dir.setTimes(name, a.u32(1)&lookupSymlinkFollow != 0, t)
}

func (c *call) pathReadlink(a args) Errno {
	d, name, e := c.resolve(a.u32(0), rightPathReadlink, a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	target, e := d.dir.readlink(name)
	if e != ErrnoSuccess {
		return e
	}
	buf, ok := c.mem.slice(a.u32(3), a.u32(4))
	if !ok {
		return ErrnoFault
	}
	// Like readlink(2): as much as fits, no NUL.
	n := copy(buf, target)
	if !c.mem.putU32(a.u32(5), uint32(n)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) pathSymlink(a args) Errno {
	target, e := c.mem.path(a.u32(0), a.u32(1))
	if e != ErrnoSuccess {
		return e
	}
	d, name, e := c.resolve(a.u32(2), rightPathSymlink, a.u32(3), a.u32(4))
	if e != ErrnoSuccess {
		return e
	}
	return d.dir.symlink(target, name)
}

func (c *call) pathLink(a args) Errno {
	from, fromName, e := c.resolve(a.u32(0), rightPathLinkSource, a.u32(2), a.u32(3))
	if e != ErrnoSuccess {
		return e
	}
	to, toName, e := c.resolve(a.u32(4), rightPathLinkTarget, a.u32(5), a.u32(6))
	if e != ErrnoSuccess {
		return e
	}
	return from.dir.link(fromName, to.dir, toName, a.u32(1)&lookupSymlinkFollow != 0)
}

func (c *call) pathRename(a args) Errno {
	from, fromName, e := c.resolve(a.u32(0), rightPathRenameSource, a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	to, toName, e := c.resolve(a.u32(3), rightPathRenameTarget, a.u32(4), a.u32(5))
	if e != ErrnoSuccess {
		return e
	}
	return from.dir.rename(fromName, to.dir, toName)
}
