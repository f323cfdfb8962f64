<?php
die("fatal: stopping\n");
