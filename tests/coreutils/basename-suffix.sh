basename /a/b.txt .txt; basename b.txt b.txt; basename x.tar.gz .gz
