<?php echo "hi from ", gethostname(), "\n";
