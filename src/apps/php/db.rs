//! mysqli and PDO (with the MySQL driver): their classes are PHP code
//! loaded when the extension is (`MYSQLI_PRELUDE`, `PDO_PRELUDE`, whose
//! line numbers are 0 so errors point at the caller), over two natives:
//! `__dockersim_mysql` sends one statement to a MySQL server through the
//! simulated network (`crate::apps::PyNet::mysql`), and
//! `__dockersim_mysql_bind` puts parameters into a statement as PDO's
//! emulated prepares and mysqlnd do.

use super::eval::{Php, R};
use super::value::{Arr, Key, V};
use crate::apps::sql::{exec::Reply, Value};
use crate::apps::{MysqlErr, NetErr};

/// The constants of ext/mysqli.
pub const MYSQLI_CONSTS: &[(&str, i64)] = &[
    ("MYSQLI_ASSOC", 1),
    ("MYSQLI_NUM", 2),
    ("MYSQLI_BOTH", 3),
    ("MYSQLI_REPORT_OFF", 0),
    ("MYSQLI_REPORT_ERROR", 1),
    ("MYSQLI_REPORT_STRICT", 2),
    ("MYSQLI_REPORT_INDEX", 4),
    ("MYSQLI_REPORT_ALL", 255),
    ("MYSQLI_STORE_RESULT", 0),
    ("MYSQLI_USE_RESULT", 1),
];

/// Runs `__dockersim_mysql(host, port, user, password, db, sql, native)`:
/// an array with `ok`, and `errno`/`state`/`error` or the result (`rows`
/// with `cols`, or `affected` and `insert_id`). An empty statement only
/// connects. `native`: numbers as ints and floats (prepared statements),
/// else as strings (mysqli's text protocol).
pub fn native_mysql(p: &mut Php, a: &[V]) -> R<V> {
    let text = |p: &mut Php, i: usize| -> R<String> { a.get(i).map_or(Ok(String::new()), |v| p.to_str(v)) };
    let host = text(p, 0)?;
    let port = a.get(1).map_or(3306, V::to_int).clamp(0, 65535) as u16;
    let (user, password, db, sql) = (text(p, 2)?, text(p, 3)?, text(p, 4)?, text(p, 5)?);
    let native = a.get(6).is_some_and(V::truthy);
    let db = (!db.is_empty()).then_some(db.as_str());
    let probe = if sql.trim().is_empty() { "SELECT 1" } else { sql.as_str() };
    let answer = match p.net.as_deref_mut() {
        Some(net) => net.mysql(&host, port, &user, &password, db, probe),
        None if host == "localhost" => Err(MysqlErr::Other("socket".into())),
        None => Err(MysqlErr::Net(NetErr::Unknown)),
    };
    let mut out = Arr::default();
    let set = |out: &mut Arr, k: &str, v: V| out.set(Key::S(k.into()), v);
    match answer {
        Err(MysqlErr::Other(m)) if m.starts_with("dockersim:") => {
            return Err(super::eval::Flow::Fatal(m));
        }
        Err(e) => {
            let (errno, state, error) = match e {
                MysqlErr::Net(NetErr::Unknown) => (
                    2002,
                    "HY000".to_string(),
                    format!("php_network_getaddresses: getaddrinfo for {host} failed: Name or service not known"),
                ),
                MysqlErr::Net(NetErr::Refused) => (2002, "HY000".to_string(), "Connection refused".to_string()),
                MysqlErr::Sql { errno, state, message, .. } => (errno as i64, state, message),
                MysqlErr::Other(_) => (2002, "HY000".to_string(), "No such file or directory".to_string()),
            };
            set(&mut out, "ok", V::Bool(false));
            set(&mut out, "errno", V::Int(errno));
            set(&mut out, "state", V::s(&state));
            set(&mut out, "error", V::s(&error));
        }
        Ok(reply) => {
            set(&mut out, "ok", V::Bool(true));
            set(&mut out, "version", V::s("8.0.40"));
            match reply {
                Reply::Rows { cols, rows } if !sql.trim().is_empty() => {
                    set(&mut out, "is_rows", V::Bool(true));
                    set(&mut out, "cols", V::arr(Arr::list(cols.iter().map(|c| V::s(c)).collect())));
                    let rows = rows.iter().map(|r| V::arr(Arr::list(r.iter().map(|v| value(v, native)).collect()))).collect();
                    set(&mut out, "rows", V::arr(Arr::list(rows)));
                }
                Reply::Rows { .. } => set(&mut out, "is_rows", V::Bool(false)),
                Reply::Done { affected, insert_id, .. } => {
                    set(&mut out, "is_rows", V::Bool(false));
                    set(&mut out, "affected", V::Int(affected as i64));
                    set(&mut out, "insert_id", V::Int(insert_id));
                }
                Reply::Use(db) => {
                    set(&mut out, "is_rows", V::Bool(false));
                    set(&mut out, "affected", V::Int(0));
                    set(&mut out, "insert_id", V::Int(0));
                    set(&mut out, "db", V::s(&db));
                }
            }
        }
    }
    Ok(V::arr(out))
}

fn value(v: &Value, native: bool) -> V {
    match v {
        Value::Null => V::Null,
        Value::Int(n) if native => V::Int(*n),
        Value::Num(n) if native => V::Float(*n),
        other => V::s(&other.show().unwrap_or_default()),
    }
}

/// A value as MySQL text: quoted and escaped strings, bare numbers, NULL.
fn quote(p: &mut Php, v: &V) -> R<String> {
    Ok(match v.deref() {
        V::Null => "NULL".into(),
        V::Bool(b) => if b { "1" } else { "0" }.into(),
        V::Int(n) => n.to_string(),
        V::Float(f) => format!("{f}"),
        other => format!("'{}'", escape(&p.to_str(&other)?)),
    })
}

/// mysqli_real_escape_string: backslashes before `\`, `'`, `"`, NUL, newline, CR and ^Z.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '\'' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1a}' => out.push_str("\\Z"),
            c => out.push(c),
        }
    }
    out
}

/// `__dockersim_mysql_bind(sql, params)`: `?` take the list's values in
/// order, `:name` the value under `name` (or `:name`); placeholders inside
/// quotes are left alone. Err: the message of a count that does not match.
pub fn native_bind(p: &mut Php, a: &[V]) -> R<V> {
    let sql = a.first().map_or(Ok(String::new()), |v| p.to_str(v))?;
    let params = match a.get(1).map(V::deref) {
        Some(V::Arr(x)) => x,
        _ => std::rc::Rc::new(Arr::default()),
    };
    let positional: Vec<V> = params.items.iter().filter(|(k, _)| matches!(k, Key::I(_))).map(|(_, v)| v.clone()).collect();
    let mut out = String::new();
    let mut next = 0;
    let mut quote_char: Option<char> = None;
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote_char {
            out.push(c);
            if c == '\\' && i + 1 < chars.len() {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            if c == q {
                quote_char = None;
            }
            i += 1;
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                quote_char = Some(c);
                out.push(c);
            }
            '?' => {
                let Some(v) = positional.get(next).cloned() else {
                    return Ok(V::Bool(false));
                };
                next += 1;
                out.push_str(&quote(p, &v)?);
            }
            ':' if chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == '_') => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && (chars[end].is_ascii_alphanumeric() || chars[end] == '_') {
                    end += 1;
                }
                let name: String = chars[start..end].iter().collect();
                let v =
                    params.get(&Key::S(name.as_str().into())).or_else(|| params.get(&Key::S(format!(":{name}").as_str().into()))).cloned();
                let Some(v) = v else {
                    return Ok(V::Bool(false));
                };
                out.push_str(&quote(p, &v)?);
                i = end;
                continue;
            }
            c => out.push(c),
        }
        i += 1;
    }
    if !positional.is_empty() && next != positional.len() {
        return Ok(V::Bool(false));
    }
    Ok(V::s(&out))
}

/// ext/mysqli's classes and functions.
pub const MYSQLI_PRELUDE: &str = r#"
class mysqli_driver { public static $mode = -1; public static $connect_error = null; public static $connect_errno = 0; }
function mysqli_report($flags) { mysqli_driver::$mode = $flags; return true; }
function __dockersim_mysqli_mode() {
  if (mysqli_driver::$mode < 0) { return (PHP_MAJOR_VERSION * 100 + PHP_MINOR_VERSION) >= 801 ? 3 : 0; }
  return mysqli_driver::$mode;
}
class mysqli_sql_exception extends RuntimeException {
  protected $sqlstate = "HY000";
  public function getSqlState() { return $this->sqlstate; }
  public function __dockersim_state($s) { $this->sqlstate = $s; return $this; }
}
function __dockersim_mysqli_failed($fn, $r, $connect) {
  $mode = __dockersim_mysqli_mode();
  if ($mode & 2) { $e = new mysqli_sql_exception($r["error"], $r["errno"]); throw $e->__dockersim_state($r["state"]); }
  if ($connect || ($mode & 1)) { __dockersim_warn($fn . "(): (" . $r["state"] . "/" . $r["errno"] . "): " . $r["error"]); }
}
class mysqli_result {
  public $current_field = 0; public $field_count = 0; public $lengths = null; public $num_rows = 0; public $type = 0;
  private $__cols = []; private $__rows = []; private $__pos = 0;
  public function __construct($cols = [], $rows = []) { $this->__cols = $cols; $this->__rows = $rows; $this->num_rows = count($rows); $this->field_count = count($cols); }
  public function fetch_row() { if ($this->__pos >= count($this->__rows)) { return null; } return $this->__rows[$this->__pos++]; }
  public function fetch_assoc() { $r = $this->fetch_row(); if ($r === null) { return null; } $a = []; foreach ($this->__cols as $i => $c) { $a[$c] = $r[$i]; } return $a; }
  public function fetch_array($mode = 3) {
    $r = $this->fetch_row(); if ($r === null) { return null; }
    $a = [];
    foreach ($this->__cols as $i => $c) { if ($mode & 2) { $a[$i] = $r[$i]; } if ($mode & 1) { $a[$c] = $r[$i]; } }
    return $a;
  }
  public function fetch_object($class = "stdClass") { $a = $this->fetch_assoc(); if ($a === null) { return null; } return (object)$a; }
  public function fetch_all($mode = 2) { $all = []; while (($r = $this->fetch_array($mode)) !== null) { $all[] = $r; } return $all; }
  public function fetch_column($column = 0) { $r = $this->fetch_row(); if ($r === null) { return false; } return $r[$column]; }
  public function fetch_fields() { $f = []; foreach ($this->__cols as $c) { $o = new stdClass(); $o->name = $c; $f[] = $o; } return $f; }
  public function data_seek($offset) { $this->__pos = $offset; return true; }
  public function free() {} public function close() {} public function free_result() {}
}
class mysqli_stmt {
  public $affected_rows = 0; public $errno = 0; public $error = ""; public $field_count = 0; public $insert_id = 0; public $num_rows = 0; public $param_count = 0; public $sqlstate = "00000";
  private $__link; private $__sql; private $__vars = []; private $__result = null; private $__out = null;
  public function __construct($link, $query) { $this->__link = $link; $this->__sql = $query; $this->param_count = substr_count($query, "?"); }
  public function bind_param($types, ...$vars) {
    if (strlen($types) != count($vars)) { throw new ArgumentCountError("The number of elements in the type definition string must match the number of bind variables"); }
    if (count($vars) != $this->param_count) { throw new ArgumentCountError("The number of variables must match the number of parameters in the prepared statement"); }
    $this->__vars = $vars; return true;
  }
  public function execute($params = null) {
    $values = [];
    if ($params !== null) { foreach ($params as $v) { $values[] = $v; } } else { foreach ($this->__vars as $v) { $values[] = $v; } }
    $sql = __dockersim_mysql_bind($this->__sql, $values);
    if ($sql === false) { throw new ArgumentCountError("The number of variables must match the number of parameters in the prepared statement"); }
    $r = $this->__link->__dockersim_run($sql, true);
    if (!$r["ok"]) { $this->errno = $r["errno"]; $this->error = $r["error"]; $this->sqlstate = $r["state"]; __dockersim_mysqli_failed("mysqli_stmt::execute", $r, false); return false; }
    if ($r["is_rows"]) { $this->__result = new mysqli_result($r["cols"], $r["rows"]); $this->field_count = count($r["cols"]); $this->num_rows = count($r["rows"]); $this->affected_rows = count($r["rows"]); }
    else { $this->affected_rows = $r["affected"]; $this->insert_id = $r["insert_id"]; $this->__link->insert_id = $r["insert_id"]; $this->__link->affected_rows = $r["affected"]; }
    return true;
  }
  public function get_result() { $r = $this->__result ?? false; $this->__result = null; return $r; }
  public function store_result() { return true; }
  public function bind_result(...$vars) {
    if (count($vars) != $this->field_count) {
      if (PHP_MAJOR_VERSION < 8) { __dockersim_warn("mysqli_stmt::bind_result(): Number of bind variables doesn't match number of fields in prepared statement"); return false; }
      throw new ArgumentCountError("Number of bind variables doesn't match number of fields in prepared statement");
    }
    $this->__out = $vars; return true;
  }
  public function fetch() {
    if ($this->__result === null) { return null; }
    $row = $this->__result->fetch_row();
    if ($row === null) { return null; }
    if ($this->__out !== null) { foreach ($this->__out as $i => $v) { $this->__out[$i] = $row[$i]; } }
    return true;
  }
  public function close() { return true; } public function free_result() {} public function reset() { return true; }
}
class mysqli {
  public $affected_rows = 0; public $client_info = "mysqlnd 8.2.27"; public $client_version = 80227; public $connect_errno = 0; public $connect_error = null;
  public $errno = 0; public $error = ""; public $error_list = []; public $field_count = 0; public $host_info = ""; public $info = null; public $insert_id = 0;
  public $server_info = ""; public $server_version = 0; public $sqlstate = "00000"; public $protocol_version = 10; public $thread_id = 0; public $warning_count = 0;
  private $__c = null;
  public function __construct($hostname = null, $username = null, $password = null, $database = null, $port = null, $socket = null) {
    if ($hostname !== null || $username !== null) { $this->__dockersim_connect("mysqli::__construct", $hostname, $username, $password, $database, $port); }
  }
  public function connect($hostname = null, $username = null, $password = null, $database = null, $port = null, $socket = null) { return $this->__dockersim_connect("mysqli::connect", $hostname, $username, $password, $database, $port); }
  public function real_connect($hostname = null, $username = null, $password = null, $database = null, $port = null, $socket = null, $flags = 0) { return $this->__dockersim_connect("mysqli::real_connect", $hostname, $username, $password, $database, $port); }
  public function __dockersim_connect($fn, $hostname, $username, $password, $database, $port) {
    $host = $hostname ?? "localhost"; if (str_starts_with($host, "p:")) { $host = substr($host, 2); }
    $p = $port ?? 3306; $user = $username ?? ""; $pass = $password ?? ""; $db = $database ?? "";
    $r = __dockersim_mysql($host, $p, $user, $pass, $db, "", false);
    if (!$r["ok"]) {
      $this->connect_errno = $r["errno"]; $this->connect_error = $r["error"];
      mysqli_driver::$connect_errno = $r["errno"]; mysqli_driver::$connect_error = $r["error"];
      __dockersim_mysqli_failed($fn, $r, true); return false;
    }
    mysqli_driver::$connect_errno = 0; mysqli_driver::$connect_error = null;
    $this->__c = [$host, $p, $user, $pass, $db];
    $this->host_info = $host === "localhost" ? "Localhost via UNIX socket" : $host . " via TCP/IP";
    $this->server_info = $r["version"]; $this->server_version = 80040; $this->connect_errno = 0; $this->connect_error = null;
    return true;
  }
  public function __dockersim_run($sql, $native) {
    if ($this->__c === null) { throw new Error("mysqli object is already closed"); }
    $r = __dockersim_mysql($this->__c[0], $this->__c[1], $this->__c[2], $this->__c[3], $this->__c[4], $sql, $native);
    if ($r["ok"] && isset($r["db"])) { $this->__c[4] = $r["db"]; }
    return $r;
  }
  public function query($query, $result_mode = 0) {
    $r = $this->__dockersim_run($query, false);
    if (!$r["ok"]) { $this->errno = $r["errno"]; $this->error = $r["error"]; $this->sqlstate = $r["state"]; __dockersim_mysqli_failed("mysqli::query", $r, false); return false; }
    $this->errno = 0; $this->error = ""; $this->sqlstate = "00000";
    if ($r["is_rows"]) { $this->field_count = count($r["cols"]); $this->affected_rows = count($r["rows"]); return new mysqli_result($r["cols"], $r["rows"]); }
    $this->field_count = 0; $this->affected_rows = $r["affected"]; $this->insert_id = $r["insert_id"];
    return true;
  }
  public function real_query($query) { return $this->query($query) !== false; }
  public function prepare($query) { if ($this->__c === null) { throw new Error("mysqli object is already closed"); } return new mysqli_stmt($this, $query); }
  public function execute_query($query, $params = null) { $s = $this->prepare($query); if (!$s->execute($params)) { return false; } $res = $s->get_result(); return $res === false ? true : $res; }
  public function select_db($database) { $r = $this->__dockersim_run("USE `" . $database . "`", false); if (!$r["ok"]) { $this->errno = $r["errno"]; $this->error = $r["error"]; __dockersim_mysqli_failed("mysqli::select_db", $r, false); return false; } return true; }
  public function real_escape_string($string) { return __dockersim_mysql_escape($string); }
  public function escape_string($string) { return __dockersim_mysql_escape($string); }
  public function set_charset($charset) { return true; }
  public function character_set_name() { return "utf8mb4"; }
  public function ping() { return $this->__c !== null; }
  public function autocommit($enable) { return true; }
  public function begin_transaction($flags = 0, $name = null) { __dockersim_not_simulated("mysqli transactions"); }
  public function commit($flags = 0, $name = null) { return true; }
  public function rollback($flags = 0, $name = null) { __dockersim_not_simulated("mysqli::rollback()"); }
  public function close() { $this->__c = null; return true; }
}
function mysqli_connect($hostname = null, $username = null, $password = null, $database = null, $port = null, $socket = null) {
  $m = new mysqli(); return $m->__dockersim_connect("mysqli_connect", $hostname, $username, $password, $database, $port) ? $m : false;
}
function mysqli_init() { return new mysqli(); }
function mysqli_real_connect($link, $hostname = null, $username = null, $password = null, $database = null, $port = null, $socket = null, $flags = 0) { return $link->__dockersim_connect("mysqli_real_connect", $hostname, $username, $password, $database, $port); }
function mysqli_connect_error() { return mysqli_driver::$connect_error; }
function mysqli_connect_errno() { return mysqli_driver::$connect_errno; }
function mysqli_query($mysql, $query, $result_mode = 0) { return $mysql->query($query); }
function mysqli_prepare($mysql, $query) { return $mysql->prepare($query); }
function mysqli_stmt_bind_param($statement, $types, ...$vars) { return $statement->bind_param($types, ...$vars); }
function mysqli_stmt_execute($statement, $params = null) { return $statement->execute($params); }
function mysqli_stmt_get_result($statement) { return $statement->get_result(); }
function mysqli_stmt_close($statement) { return true; }
function mysqli_fetch_assoc($result) { return $result->fetch_assoc(); }
function mysqli_fetch_row($result) { return $result->fetch_row(); }
function mysqli_fetch_array($result, $mode = 3) { return $result->fetch_array($mode); }
function mysqli_fetch_object($result) { return $result->fetch_object(); }
function mysqli_fetch_all($result, $mode = 2) { return $result->fetch_all($mode); }
function mysqli_num_rows($result) { return $result->num_rows; }
function mysqli_free_result($result) {}
function mysqli_affected_rows($mysql) { return $mysql->affected_rows; }
function mysqli_insert_id($mysql) { return $mysql->insert_id; }
function mysqli_error($mysql) { return $mysql->error; }
function mysqli_errno($mysql) { return $mysql->errno; }
function mysqli_real_escape_string($mysql, $string) { return __dockersim_mysql_escape($string); }
function mysqli_escape_string($mysql, $string) { return __dockersim_mysql_escape($string); }
function mysqli_select_db($mysql, $database) { return $mysql->select_db($database); }
function mysqli_set_charset($mysql, $charset) { return true; }
function mysqli_close($mysql) { return $mysql->close(); }
"#;

/// ext/pdo's classes; the MySQL driver answers when pdo_mysql is loaded.
pub const PDO_PRELUDE: &str = r#"
class PDOException extends RuntimeException {
  public $errorInfo = null;
  public function __dockersim_info($state, $errno, $msg) { $this->errorInfo = [$state, $errno, $msg]; $this->code = $state; return $this; }
}
function __dockersim_pdo_message($r) {
  $names = ["42S02" => "Base table or view not found", "42000" => "Syntax error or access violation", "23000" => "Integrity constraint violation",
            "42S22" => "Column not found", "42S01" => "Base table or view already exists", "21S01" => "Insert value list does not match column list",
            "22001" => "String data, right truncated", "HY000" => "General error", "3D000" => "Invalid catalog name"];
  $name = $names[$r["state"]] ?? "General error";
  return "SQLSTATE[" . $r["state"] . "]: " . $name . ": " . $r["errno"] . " " . $r["error"];
}
class PDOStatement {
  public $queryString = "";
  private $__pdo; private $__params = []; private $__refs = []; private $__cols = []; private $__rows = []; private $__pos = 0; private $__affected = 0; private $__mode = 4;
  public function __construct($pdo = null, $sql = "") { $this->__pdo = $pdo; $this->queryString = $sql; }
  public function __dockersim_set($r) {
    if ($r["is_rows"]) { $this->__cols = $r["cols"]; $this->__rows = $r["rows"]; $this->__affected = count($r["rows"]); }
    else { $this->__cols = []; $this->__rows = []; $this->__affected = $r["affected"]; }
    $this->__pos = 0; return $this;
  }
  public function bindValue($param, $value, $type = 2) { $this->__params[is_int($param) ? $param - 1 : ltrim($param, ":")] = $value; return true; }
  public function bindParam($param, ...$var) { $this->__refs[is_int($param) ? $param - 1 : ltrim($param, ":")] = $var; return true; }
  public function execute($params = null) {
    $values = [];
    if ($params === null) { $params = $this->__params; foreach ($this->__refs as $k => $ref) { $params[$k] = $ref[0]; } }
    foreach ($params as $k => $v) { $values[is_int($k) ? $k : ltrim($k, ":")] = $v; }
    $sql = __dockersim_mysql_bind($this->queryString, $values);
    if ($sql === false) { return $this->__pdo->__dockersim_fail(["state" => "HY093", "errno" => 0, "error" => ""], "SQLSTATE[HY093]: Invalid parameter number: number of bound variables does not match number of tokens"); }
    $r = $this->__pdo->__dockersim_run($sql);
    if ($r === false) { return false; }
    $this->__dockersim_set($r); return true;
  }
  public function setFetchMode($mode, ...$args) { $this->__mode = $mode; return true; }
  public function __dockersim_mode($m) { $this->__mode = $m; }
  private function __row($mode, $r) {
    if ($mode == 0) { $mode = $this->__mode; }
    if ($mode == 3) { return $r; }
    $a = [];
    foreach ($this->__cols as $i => $c) { if ($mode == 2 || $mode == 4 || $mode == 5) { $a[$c] = $r[$i]; } if ($mode == 4) { $a[$i] = $r[$i]; } }
    if ($mode == 5) { return (object)$a; }
    return $a;
  }
  public function fetch($mode = 0, $cursorOrientation = 0, $cursorOffset = 0) {
    if ($this->__pos >= count($this->__rows)) { return false; }
    return $this->__row($mode, $this->__rows[$this->__pos++]);
  }
  public function fetchAll($mode = 0, ...$args) {
    $m = $mode == 0 ? $this->__mode : $mode;
    $all = [];
    while ($this->__pos < count($this->__rows)) {
      $r = $this->__rows[$this->__pos++];
      if ($m == 7) { $all[] = $r[$args[0] ?? 0]; }
      elseif ($m == 12) { $all[$r[0]] = $r[1]; }
      else { $all[] = $this->__row($m, $r); }
    }
    return $all;
  }
  public function fetchColumn($column = 0) { if ($this->__pos >= count($this->__rows)) { return false; } return $this->__rows[$this->__pos++][$column]; }
  public function fetchObject($class = "stdClass", $args = []) { $r = $this->fetch(5); return $r; }
  public function rowCount() { return $this->__affected; }
  public function columnCount() { return count($this->__cols); }
  public function closeCursor() { return true; }
  public function errorCode() { return "00000"; }
  public function errorInfo() { return ["00000", null, null]; }
}
class PDO {
  const PARAM_NULL = 0; const PARAM_INT = 1; const PARAM_STR = 2; const PARAM_LOB = 3; const PARAM_BOOL = 5;
  const FETCH_DEFAULT = 0; const FETCH_LAZY = 1; const FETCH_ASSOC = 2; const FETCH_NUM = 3; const FETCH_BOTH = 4; const FETCH_OBJ = 5;
  const FETCH_BOUND = 6; const FETCH_COLUMN = 7; const FETCH_CLASS = 8; const FETCH_KEY_PAIR = 12; const FETCH_GROUP = 65536; const FETCH_UNIQUE = 196608;
  const ATTR_AUTOCOMMIT = 0; const ATTR_PREFETCH = 1; const ATTR_TIMEOUT = 2; const ATTR_ERRMODE = 3; const ATTR_SERVER_VERSION = 4; const ATTR_CLIENT_VERSION = 5;
  const ATTR_CASE = 8; const ATTR_PERSISTENT = 12; const ATTR_DRIVER_NAME = 16; const ATTR_ORACLE_NULLS = 11; const ATTR_STRINGIFY_FETCHES = 17;
  const ATTR_DEFAULT_FETCH_MODE = 19; const ATTR_EMULATE_PREPARES = 20;
  const ERRMODE_SILENT = 0; const ERRMODE_WARNING = 1; const ERRMODE_EXCEPTION = 2;
  const CASE_NATURAL = 0; const NULL_NATURAL = 0; const MYSQL_ATTR_INIT_COMMAND = 1002; const MYSQL_ATTR_SSL_CA = 1009;
  private $__c; private $__errmode = 2; private $__fetch = 4; private $__error = ["00000", null, null]; private $__insert = "0"; private $__native = false;
  public function __construct($dsn, $username = null, $password = null, $options = null) {
    $pos = strpos($dsn, ":");
    $driver = $pos === false ? "" : substr($dsn, 0, $pos);
    if ($pos === false) { throw new PDOException("invalid data source name"); }
    if ($driver != "mysql" || !extension_loaded("pdo_mysql")) {
      if ($driver == "sqlite" && extension_loaded("pdo_sqlite")) { __dockersim_not_simulated("PDO's sqlite driver"); }
      if ($driver == "pgsql" && extension_loaded("pdo_pgsql")) { __dockersim_not_simulated("PDO's pgsql driver"); }
      throw new PDOException("could not find driver");
    }
    $host = "localhost"; $port = 3306; $db = "";
    foreach (explode(";", substr($dsn, $pos + 1)) as $part) {
      $kv = explode("=", $part, 2);
      if (count($kv) != 2) { continue; }
      $k = trim($kv[0]); $v = trim($kv[1]);
      if ($k == "host") { $host = $v; } elseif ($k == "port") { $port = (int)$v; } elseif ($k == "dbname") { $db = $v; }
    }
    if ($options !== null) { foreach ($options as $k => $v) { $this->setAttribute($k, $v); } }
    $r = __dockersim_mysql($host, $port, $username ?? "", $password ?? "", $db, "", false);
    if (!$r["ok"]) {
      $e = new PDOException("SQLSTATE[" . $r["state"] . "] [" . $r["errno"] . "] " . $r["error"], $r["errno"]);
      throw $e;
    }
    $this->__c = [$host, $port, $username ?? "", $password ?? "", $db];
  }
  public function setAttribute($attribute, $value) {
    if ($attribute == 3) { $this->__errmode = $value; }
    if ($attribute == 19) { $this->__fetch = $value; }
    if ($attribute == 20) { $this->__native = !$value; }
    return true;
  }
  public function getAttribute($attribute) {
    if ($attribute == 3) { return $this->__errmode; } if ($attribute == 19) { return $this->__fetch; } if ($attribute == 16) { return "mysql"; }
    if ($attribute == 4) { return "8.0.40"; } if ($attribute == 5) { return "mysqlnd 8.2.27"; } if ($attribute == 20) { return !$this->__native; }
    return null;
  }
  public function __dockersim_fail($r, $message) {
    $this->__error = [$r["state"], $r["errno"], $r["error"]];
    if ($this->__errmode == 2) { $e = new PDOException($message); throw $e->__dockersim_info($r["state"], $r["errno"], $r["error"]); }
    if ($this->__errmode == 1) { __dockersim_warn("PDO::query(): " . $message); }
    return false;
  }
  public function __dockersim_run($sql) {
    $r = __dockersim_mysql($this->__c[0], $this->__c[1], $this->__c[2], $this->__c[3], $this->__c[4], $sql, true);
    if (!$r["ok"]) { return $this->__dockersim_fail($r, __dockersim_pdo_message($r)); }
    if (isset($r["db"])) { $this->__c[4] = $r["db"]; }
    if (!$r["is_rows"] && $r["insert_id"]) { $this->__insert = (string)$r["insert_id"]; }
    $this->__error = ["00000", null, null];
    return $r;
  }
  public function query($query, $fetchMode = null, ...$fetchModeArgs) {
    $r = $this->__dockersim_run($query);
    if ($r === false) { return false; }
    $s = new PDOStatement($this, $query); $s->__dockersim_mode($fetchMode ?? $this->__fetch);
    return $s->__dockersim_set($r);
  }
  public function prepare($query, $options = []) { $s = new PDOStatement($this, $query); $s->__dockersim_mode($this->__fetch); return $s; }
  public function exec($statement) { $r = $this->__dockersim_run($statement); if ($r === false) { return false; } return $r["is_rows"] ? 0 : $r["affected"]; }
  public function lastInsertId($name = null) { return $this->__insert; }
  public function quote($string, $type = 2) { return "'" . __dockersim_mysql_escape($string) . "'"; }
  public function beginTransaction() { __dockersim_not_simulated("PDO transactions"); }
  public function commit() { return true; }
  public function rollBack() { __dockersim_not_simulated("PDO::rollBack()"); }
  public function inTransaction() { return false; }
  public function errorCode() { return $this->__error[0]; }
  public function errorInfo() { return $this->__error; }
  public static function getAvailableDrivers() { $d = []; if (extension_loaded("pdo_mysql")) { $d[] = "mysql"; } $d[] = "sqlite"; return $d; }
}
"#;
