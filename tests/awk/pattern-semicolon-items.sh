echo x | awk '{print 1}; {print 2}'
