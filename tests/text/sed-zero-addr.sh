printf 'x\ny\nx\n' | sed '0,/x/s//X/'; printf 'x\ny\nx\n' | sed '1,/x/s/x/X/'
