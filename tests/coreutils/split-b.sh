printf 'abcdefg' > f; split -b 3 f part-; ls part-*; cat part-ab; echo
