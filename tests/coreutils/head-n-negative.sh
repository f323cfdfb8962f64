seq 1 5 > f; head -n -2 f; echo ---; head -n -9 f; echo end
