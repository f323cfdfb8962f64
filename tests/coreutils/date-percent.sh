date -d @0 '+100%% %n%t|'
