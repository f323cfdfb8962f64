use super::*;
use crate::apps::nginx_conf;
use crate::vfs::{Content, Meta};

const MAIN: &str = "user nginx;\nerror_log /var/log/nginx/error.log notice;\nevents { worker_connections 1024; }\nhttp {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    include /etc/nginx/conf.d/*.conf;\n}\n";

fn site(conf: &str) -> Fs {
    let mut fs = Fs::new();
    let m = Meta::new(0o644, 0x6745ef54);
    fs.mkdir_all("/usr/share/nginx/html/docs", Meta::new(0o755, 0)).unwrap();
    fs.mkdir_all("/etc/nginx/conf.d", Meta::new(0o755, 0)).unwrap();
    fs.mkdir_all("/var/www/html/assets", Meta::new(0o755, 0)).unwrap();
    fs.write("/usr/share/nginx/html/index.html", Content::from_bytes("<h1>hi</h1>\n"), m.clone()).unwrap();
    fs.write("/var/www/html/index.html", Content::from_bytes("spa\n"), m.clone()).unwrap();
    fs.write("/var/www/html/assets/app.js", Content::from_bytes("js\n"), m.clone()).unwrap();
    fs.write("/etc/nginx/nginx.conf", Content::from_bytes(MAIN), m.clone()).unwrap();
    fs.write("/etc/nginx/mime.types", Content::from_bytes("types {\n    text/html html;\n    application/javascript js;\n}\n"), m.clone())
        .unwrap();
    fs.write("/etc/nginx/conf.d/default.conf", Content::from_bytes(conf), m).unwrap();
    fs
}

const STOCK: &str = "server {\n    listen 80;\n    server_name localhost;\n    location / {\n        root /usr/share/nginx/html;\n        index index.html index.htm;\n    }\n    error_page 500 502 503 504 /50x.html;\n}\n";

fn ask(fs: &Fs, req: &Request) -> Route {
    let conf = Config::from(&nginx_conf::load(fs).expect("conf"));
    respond("1.27.3", &conf, 80, req, fs, 100, "172.17.0.1", 1)
}

fn done(r: Route) -> HttpResponse {
    match r {
        Route::Done(r, _) => r,
        Route::Onward(o) => panic!("went on: {o:?}"),
    }
}

fn names(r: &HttpResponse) -> Vec<&str> {
    r.headers.iter().map(|(k, _)| k.as_str()).collect()
}

#[test]
fn static_files_carry_nginx_validators_in_its_order() {
    let fs = site(STOCK);
    let r = done(ask(&fs, &Request::get("/")));
    assert_eq!(names(&r), ["Server", "Date", "Content-Type", "Content-Length", "Last-Modified", "Connection", "ETag", "Accept-Ranges"]);
    assert_eq!(r.header("ETag"), Some("\"6745ef54-c\""));
    let h = vec![("If-None-Match".to_string(), "\"6745ef54-c\"".to_string())];
    let again = Request { headers: &h, ..Request::get("/") };
    let r = done(ask(&fs, &again));
    assert_eq!((r.status, r.body.as_str()), (304, ""));
    assert_eq!(names(&r), ["Server", "Date", "Last-Modified", "Connection", "ETag"]);
}

#[test]
fn directories_redirect_missing_files_log_and_writes_are_not_allowed() {
    let fs = site(STOCK);
    let h = vec![("Host".to_string(), "localhost:8080".to_string())];
    let r = done(ask(&fs, &Request { headers: &h, ..Request::get("/docs") }));
    assert_eq!((r.status, r.header("Location")), (301, Some("http://localhost/docs/")));
    let r = done(ask(&fs, &Request { method: "POST", ..Request::get("/") }));
    assert_eq!((r.status, r.reason, r.body.len()), (405, "Not Allowed", 157));
    let r = done(ask(&fs, &Request::get("/nope.png")));
    assert_eq!(r.status, 404);
    let log = r.log.unwrap();
    assert!(log.starts_with("1970/01/01 00:01:40 [error] 29#29: *1 open() \"/usr/share/nginx/html/nope.png\" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: \"GET /nope.png HTTP/1.1\", host: \"localhost\"\n"), "{log}");
    // A directory without an index is forbidden.
    let r = done(ask(&fs, &Request::get("/docs/")));
    assert_eq!(r.status, 403);
}

#[test]
fn spa_try_files_falls_back_to_index() {
    let fs = site("server {\n listen 80;\n root /var/www/html;\n location / {\n  try_files $uri $uri/ /index.html;\n }\n location ~* \\.(js|css)$ {\n  add_header Cache-Control \"public, max-age=31536000\";\n }\n}\n");
    let r = done(ask(&fs, &Request::get("/users/42")));
    assert_eq!((r.status, r.body.as_str()), (200, "spa\n"));
    let r = done(ask(&fs, &Request::get("/assets/app.js")));
    assert_eq!((r.status, r.content_type, r.header("Cache-Control")), (200, "application/javascript", Some("public, max-age=31536000")));
}

#[test]
fn locations_pick_exact_then_longest_prefix_then_regex() {
    let fs = site("server {\n listen 80;\n location = /exact { return 200 \"exact\"; }\n location /api/ { return 200 \"api $uri\"; }\n location ^~ /static/ { return 200 \"static\"; }\n location ~ \\.php$ { return 200 \"php\"; }\n location / { return 200 \"root\"; }\n}\n");
    let body = |p: &str| done(ask(&fs, &Request::get(p))).body;
    assert_eq!(body("/exact"), "exact");
    assert_eq!(body("/api/x"), "api /api/x");
    assert_eq!(body("/api/x.php"), "php");
    assert_eq!(body("/static/x.php"), "static");
    assert_eq!(body("/other"), "root");
}

#[test]
fn returns_and_rewrites() {
    let fs = site("server {\n listen 80;\n server_name example.com;\n location /old { rewrite ^/old/(.*)$ /new/$1 permanent; }\n location /go { return 301 https://$host$request_uri; }\n location /gone { return 404; }\n}\n");
    let r = done(ask(&fs, &Request::get("/old/page")));
    assert_eq!((r.status, r.header("Location")), (301, Some("http://localhost/new/page")));
    let r = done(ask(&fs, &Request::get("/go?x=1")));
    assert_eq!((r.status, r.header("Location")), (301, Some("https://localhost/go?x=1")));
    assert_eq!(done(ask(&fs, &Request::get("/gone"))).status, 404);
}

#[test]
fn proxy_pass_replaces_the_prefix_and_sets_headers() {
    let fs = site("upstream api { server app1:3000; server app2:3000; }\nserver {\n listen 80;\n location /api/ {\n  proxy_pass http://backend:5000/;\n  proxy_set_header X-Real-IP $remote_addr;\n }\n location / { proxy_pass http://api; }\n}\n");
    let Route::Onward(o) = ask(&fs, &Request::get("/api/users?id=1")) else { panic!() };
    assert_eq!((o.peers.as_slice(), o.target.as_str()), (&["backend:5000".to_string()][..], "/users?id=1"));
    assert_eq!(
        o.headers,
        [
            ("Host".to_string(), "backend:5000".to_string()),
            ("Connection".into(), "close".into()),
            ("X-Real-IP".into(), "172.17.0.1".into())
        ]
    );
    let Route::Onward(o) = ask(&fs, &Request::get("/x")) else { panic!() };
    assert_eq!((o.peers, o.target), (vec!["app1:3000".to_string(), "app2:3000".to_string()], "/x".to_string()));
}

#[test]
fn fastcgi_pass_builds_the_script_parameters() {
    let fs = site("server {\n listen 80;\n root /var/www/html;\n index index.php index.html;\n location ~ [^/]\\.php(/|$) {\n  fastcgi_split_path_info ^(.+\\.php)(/.+)$;\n  fastcgi_pass php:9000;\n  fastcgi_index index.php;\n  fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n  fastcgi_param PATH_INFO $fastcgi_path_info;\n  fastcgi_param QUERY_STRING $query_string;\n }\n}\n");
    let Route::Onward(o) = ask(&fs, &Request::get("/info.php/extra?a=b")) else { panic!() };
    assert!(o.fastcgi);
    let get = |k: &str| o.headers.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("SCRIPT_FILENAME"), Some("/var/www/html/info.php"));
    assert_eq!(get("PATH_INFO"), Some("/extra"));
    assert_eq!(get("QUERY_STRING"), Some("a=b"));
    assert_eq!(get("HTTP_HOST"), Some("localhost"));
}

#[test]
fn error_page_redirects_internally() {
    let fs = site("server {\n listen 80;\n root /var/www/html;\n error_page 404 /index.html;\n}\n");
    let r = done(ask(&fs, &Request::get("/missing")));
    assert_eq!((r.status, r.body.as_str()), (404, "spa\n"));
}
