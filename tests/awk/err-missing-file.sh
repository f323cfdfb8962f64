awk '{print}' /nonexistent
