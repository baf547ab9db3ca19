package wasi

// The sock_* functions, on the listeners of Config.Listeners and the
// connections accepted from them.

// The socket functions check what kind of descriptor they are given
// before its rights, so that a socket function on another descriptor is
// ENOTSOCK (or ENOTCONN on a listener), as POSIX has it.

func (c *call) sockAccept(a args) Errno {
	d, e := c.get(a.u32(0), 0)
	if e != ErrnoSuccess {
		return e
	}
	l, ok := d.f.(*listenerFile)
	if !ok {
		return ErrnoNotSock
	}
	if _, e := c.get(a.u32(0), rightSockAccept); e != ErrnoSuccess {
		return e
	}
	flags := uint16(a.u32(1))
	if flags&^fdflagNonblock != 0 {
		return ErrnoInval
	}
	conn, e := l.accept(flags)
	if e != ErrnoSuccess {
		return e
	}
	fd := c.add(&descriptor{f: conn, typ: fileTypeSocketStream, rights: rightsSocketBase & d.inheriting, fdflags: flags})
	if !c.mem.putU32(a.u32(2), fd) {
		c.fds[fd] = nil
		conn.close()
		return ErrnoFault
	}
	return ErrnoSuccess
}

// conn returns connected socket fd, with the rights in need.
func (c *call) conn(fd uint32, need uint64) (*connFile, Errno) {
	d, e := c.get(fd, 0)
	if e != ErrnoSuccess {
		return nil, e
	}
	s, ok := d.f.(*connFile)
	if !ok {
		if _, isListener := d.f.(*listenerFile); isListener {
			return nil, ErrnoNotConn
		}
		return nil, ErrnoNotSock
	}
	if _, e := c.get(fd, need); e != ErrnoSuccess {
		return nil, e
	}
	return s, ErrnoSuccess
}

func (c *call) sockRecv(a args) Errno {
	s, e := c.conn(a.u32(0), rightFdRead)
	if e != ErrnoSuccess {
		return e
	}
	bufs, e := c.mem.iovecs(a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	riflags := uint16(a.u32(3))
	if riflags&^(riflagRecvPeek|riflagRecvWaitall) != 0 {
		return ErrnoInval
	}
	n, ro, e := s.recv(bufs, riflags)
	if e != ErrnoSuccess {
		return e
	}
	var flags [2]byte
	le.PutUint16(flags[:], ro)
	if !c.mem.putU32(a.u32(4), uint32(n)) || !c.mem.write(a.u32(5), flags[:]) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) sockSend(a args) Errno {
	s, e := c.conn(a.u32(0), rightFdWrite)
	if e != ErrnoSuccess {
		return e
	}
	bufs, e := c.mem.iovecs(a.u32(1), a.u32(2))
	if e != ErrnoSuccess {
		return e
	}
	if a.u32(3) != 0 { // siflags: none are defined
		return ErrnoInval
	}
	n, e := s.send(bufs)
	if e != ErrnoSuccess {
		return e
	}
	if !c.mem.putU32(a.u32(4), uint32(n)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

func (c *call) sockShutdown(a args) Errno {
	s, e := c.conn(a.u32(0), rightSockShutdown)
	if e != ErrnoSuccess {
		return e
	}
	return s.shutdown(uint8(a.u32(1)))
}
