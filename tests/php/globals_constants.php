<?php
define('APP_NAME', 'Demo');
const VERSION = '1.0';
echo APP_NAME, " ", VERSION, " ", defined('APP_NAME') ? 'y' : 'n', defined('NOPE') ? 'y' : 'n', "\n";
class Cfg { const DB = ['host' => 'db', 'port' => 3306]; }
echo Cfg::DB['host'], ":", Cfg::DB['port'], "\n";
echo constant('VERSION'), "\n";
echo __LINE__, "\n";
function fname() { return __FUNCTION__; }
echo fname(), "\n";
class K { function m() { return __METHOD__ . " " . __CLASS__; } }
echo (new K)->m(), "\n";
