seq 5 -2 1; seq 3 1; echo end
