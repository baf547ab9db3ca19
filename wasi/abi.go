package wasi

// The wasi_snapshot_preview1 ABI: the numbers and the byte layouts a
// module and its host agree on. This file is their one definition; the
// values are those of the WASI witx definitions (the same numbers
// wasi-libc's <wasi/api.h> and Go's syscall package for wasip1 use).

// ModuleName is the import module name of WASI preview1.
const ModuleName = "wasi_snapshot_preview1"

// Errno is a WASI error number, what every preview1 function returns.
type Errno uint16

// The WASI error numbers that Sable's host functions can return (a
// subset: preview1 defines 77).
const (
	ErrnoSuccess      Errno = 0
	Errno2Big         Errno = 1
	ErrnoAcces        Errno = 2
	ErrnoAddrInUse    Errno = 3
	ErrnoAddrNotAvail Errno = 4
	ErrnoAgain        Errno = 6
	ErrnoAlready      Errno = 7
	ErrnoBadf         Errno = 8
	ErrnoBusy         Errno = 10
	ErrnoConnAborted  Errno = 13
	ErrnoConnRefused  Errno = 14
	ErrnoConnReset    Errno = 15
	ErrnoDeadlk       Errno = 16
	ErrnoDquot        Errno = 19
	ErrnoExist        Errno = 20
	ErrnoFault        Errno = 21
	ErrnoFbig         Errno = 22
	ErrnoIlseq        Errno = 25
	ErrnoIntr         Errno = 27
	ErrnoInval        Errno = 28
	ErrnoIO           Errno = 29
	ErrnoIsConn       Errno = 30
	ErrnoIsDir        Errno = 31
	ErrnoLoop         Errno = 32
	ErrnoMfile        Errno = 33
	ErrnoMlink        Errno = 34
	ErrnoNameTooLong  Errno = 37
	ErrnoNfile        Errno = 41
	ErrnoNoBufs       Errno = 42
	ErrnoNoDev        Errno = 43
	ErrnoNoent        Errno = 44
	ErrnoNoMem        Errno = 48
	ErrnoNoSpc        Errno = 51
	ErrnoNosys        Errno = 52
	ErrnoNotConn      Errno = 53
	ErrnoNotDir       Errno = 54
	ErrnoNotEmpty     Errno = 55
	ErrnoNotSock      Errno = 57
	ErrnoNotSup       Errno = 58
	ErrnoNotTTY       Errno = 59
	ErrnoNxio         Errno = 60
	ErrnoOverflow     Errno = 61
	ErrnoPerm         Errno = 63
	ErrnoPipe         Errno = 64
	ErrnoRange        Errno = 68
	ErrnoRofs         Errno = 69
	ErrnoSpipe        Errno = 70
	ErrnoTimedOut     Errno = 73
	ErrnoTxtBsy       Errno = 74
	ErrnoXdev         Errno = 75
	ErrnoNotCapable   Errno = 76
)

// Rights: what may be done with a file descriptor (rights_base) and with
// the descriptors opened through it (rights_inheriting).
const (
	rightFdDatasync           uint64 = 1 << 0
	rightFdRead               uint64 = 1 << 1
	rightFdSeek               uint64 = 1 << 2
	rightFdFdstatSetFlags     uint64 = 1 << 3
	rightFdSync               uint64 = 1 << 4
	rightFdTell               uint64 = 1 << 5
	rightFdWrite              uint64 = 1 << 6
	rightFdAdvise             uint64 = 1 << 7
	rightFdAllocate           uint64 = 1 << 8
	rightPathCreateDirectory  uint64 = 1 << 9
	rightPathCreateFile       uint64 = 1 << 10
	rightPathLinkSource       uint64 = 1 << 11
	rightPathLinkTarget       uint64 = 1 << 12
	rightPathOpen             uint64 = 1 << 13
	rightFdReaddir            uint64 = 1 << 14
	rightPathReadlink         uint64 = 1 << 15
	rightPathRenameSource     uint64 = 1 << 16
	rightPathRenameTarget     uint64 = 1 << 17
	rightPathFilestatGet      uint64 = 1 << 18
	rightPathFilestatSetSize  uint64 = 1 << 19
	rightPathFilestatSetTimes uint64 = 1 << 20
	rightFdFilestatGet        uint64 = 1 << 21
	rightFdFilestatSetSize    uint64 = 1 << 22
	rightFdFilestatSetTimes   uint64 = 1 << 23
	rightPathSymlink          uint64 = 1 << 24
	rightPathRemoveDirectory  uint64 = 1 << 25
	rightPathUnlinkFile       uint64 = 1 << 26
	rightPollFdReadwrite      uint64 = 1 << 27
	rightSockShutdown         uint64 = 1 << 28
	rightSockAccept           uint64 = 1 << 29

	rightsAll = 1<<30 - 1

	// What a regular file, a directory, a socket and a character device
	// can do at most; a descriptor's rights are the requested ones cut to
	// these, so fdstat never reports a right that can only fail.
	rightsFileBase = rightFdDatasync | rightFdRead | rightFdSeek | rightFdFdstatSetFlags |
		rightFdSync | rightFdTell | rightFdWrite | rightFdAdvise | rightFdAllocate |
		rightFdFilestatGet | rightFdFilestatSetSize | rightFdFilestatSetTimes | rightPollFdReadwrite
	rightsDirBase = rightFdSeek | rightFdFdstatSetFlags | rightFdSync | rightFdAdvise | rightPathCreateDirectory |
		rightPathCreateFile | rightPathLinkSource | rightPathLinkTarget | rightPathOpen |
		rightFdReaddir | rightPathReadlink | rightPathRenameSource | rightPathRenameTarget |
		rightPathFilestatGet | rightPathFilestatSetSize | rightPathFilestatSetTimes |
		rightFdFilestatGet | rightFdFilestatSetTimes | rightPathSymlink |
		rightPathRemoveDirectory | rightPathUnlinkFile | rightPollFdReadwrite
	rightsDirInheriting = rightsDirBase | rightsFileBase
	rightsSocketBase    = rightFdRead | rightFdWrite | rightFdFdstatSetFlags | rightFdFilestatGet |
		rightPollFdReadwrite | rightSockShutdown
	rightsListenerBase = rightFdFdstatSetFlags | rightFdFilestatGet | rightPollFdReadwrite | rightSockAccept
	rightsTTYBase      = rightFdRead | rightFdWrite | rightFdFdstatSetFlags | rightFdFilestatGet | rightPollFdReadwrite

	// The rights that change a file system; a read-only mount grants none.
	rightsMutating = rightFdDatasync | rightFdWrite | rightFdAllocate | rightPathCreateDirectory |
		rightPathCreateFile | rightPathLinkSource | rightPathLinkTarget | rightPathRenameSource |
		rightPathRenameTarget | rightPathFilestatSetSize | rightPathFilestatSetTimes |
		rightFdFilestatSetSize | rightFdFilestatSetTimes | rightPathSymlink |
		rightPathRemoveDirectory | rightPathUnlinkFile
)

// File types (filetype, one byte).
const (
	fileTypeUnknown         uint8 = 0
	fileTypeBlockDevice     uint8 = 1
	fileTypeCharacterDevice uint8 = 2
	fileTypeDirectory       uint8 = 3
	fileTypeRegularFile     uint8 = 4
	// 5 is SOCKET_DGRAM: no descriptor here is one.
	fileTypeSocketStream uint8 = 6
	fileTypeSymbolicLink uint8 = 7
)

// Descriptor flags (fdflags).
const (
	fdflagAppend   uint16 = 1 << 0
	fdflagDsync    uint16 = 1 << 1
	fdflagNonblock uint16 = 1 << 2
	fdflagRsync    uint16 = 1 << 3
	fdflagSync     uint16 = 1 << 4
)

// path_open flags (oflags) and lookup flags.
const (
	oflagCreat     uint16 = 1 << 0
	oflagDirectory uint16 = 1 << 1
	oflagExcl      uint16 = 1 << 2
	oflagTrunc     uint16 = 1 << 3

	lookupSymlinkFollow uint32 = 1 << 0
)

// fd_filestat_set_times and path_filestat_set_times flags (fstflags).
const (
	fstflagAtim    uint16 = 1 << 0
	fstflagAtimNow uint16 = 1 << 1
	fstflagMtim    uint16 = 1 << 2
	fstflagMtimNow uint16 = 1 << 3
)

// fd_seek whence.
const (
	whenceSet = 0
	whenceCur = 1
	whenceEnd = 2
)

// Clock ids.
const (
	clockRealtime         = 0
	clockMonotonic        = 1
	clockProcessCPUTimeID = 2
	clockThreadCPUTimeID  = 3
)

// poll_oneoff: event types, subscription clock flags, event flags.
const (
	eventTypeClock   uint8 = 0
	eventTypeFdRead  uint8 = 1
	eventTypeFdWrite uint8 = 2

	subclockAbstime uint16 = 1 << 0

	eventFdReadwriteHangup uint16 = 1 << 0
)

// Sockets: receive flags, receive result flags, shutdown flags.
const (
	riflagRecvPeek    uint16 = 1 << 0
	riflagRecvWaitall uint16 = 1 << 1

	roflagRecvDataTruncated uint16 = 1 << 0

	sdflagRd uint8 = 1 << 0
	sdflagWr uint8 = 1 << 1
)

// fd_advise advice.
const (
	adviceNormal     = 0
	adviceSequential = 1
	adviceRandom     = 2
	adviceWillNeed   = 3
	adviceDontNeed   = 4
	adviceNoReuse    = 5
)

// preopentype: the only kind of pre-opened resource preview1 describes.
const preopenTypeDir uint8 = 0

// Byte layouts of the structures exchanged through linear memory.
const (
	iovecSize = 8 // {buf u32, buf_len u32}

	// fdstat: {fs_filetype u8, fs_flags u16 @2, fs_rights_base u64 @8,
	// fs_rights_inheriting u64 @16}.
	fdstatSize            = 24
	fdstatFlagsOffset     = 2
	fdstatRightsBase      = 8
	fdstatRightsInherited = 16

	// filestat: {dev u64, ino u64, filetype u8 @16, nlink u64 @24, size
	// u64 @32, atim u64 @40, mtim u64 @48, ctim u64 @56}.
	filestatSize = 64

	// dirent: {d_next u64, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20},
	// followed by the name (not NUL-terminated).
	direntSize = 24

	// prestat: {tag u8, dir.pr_name_len u32 @4}.
	prestatSize = 8

	// subscription: {userdata u64, u: {tag u8 @8, then @16: clock {id u32
	// @16, timeout u64 @24, precision u64 @32, flags u16 @40} or
	// fd_readwrite {fd u32 @16}}}.
	subscriptionSize = 48

	// event: {userdata u64, error u16 @8, type u8 @10, fd_readwrite
	// {nbytes u64 @16, flags u16 @24}}.
	eventSize = 32
)
