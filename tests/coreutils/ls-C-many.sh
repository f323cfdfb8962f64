for n in alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango; do touch $n; done; ls -C; ls -C | od -c | head -3
