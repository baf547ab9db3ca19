module github.com/sablewasm/sable

go 1.26
