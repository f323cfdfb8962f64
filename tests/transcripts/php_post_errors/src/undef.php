<?php
echo "Hi $name!\n";
missing_function();
echo "not reached\n";
