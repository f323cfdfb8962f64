status: 1
--- stdout
--- stderr
BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.

Usage: dirname FILENAME

Strip non-directory suffix from FILENAME
