echo x | xargs false; echo status=$?
