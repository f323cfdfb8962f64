seq 3 | head -n 0; echo end
