<?php
echo "bye\n";
exit(3);
echo "never\n";
