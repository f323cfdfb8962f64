//! Files whose real text a package installs and a simulated program reads:
//! figlet's font, Debian's and Alpine's nginx configuration, site and
//! welcome page.

/// The text package `pkg` installs at `path`, when the simulator carries it.
pub fn text(pkg: &str, path: &str) -> Option<&'static str> {
    match path {
        // Alpine's `nginx` package (Debian's configuration is in nginx-common).
        "/etc/nginx/nginx.conf" if pkg == "nginx" => crate::apps::nginx_conf::stock_file("alpine-nginx.conf"),
        "/etc/nginx/http.d/default.conf" => crate::apps::nginx_conf::stock_file("alpine-default.conf"),
        "/var/lib/nginx/html/index.html" => crate::apps::nginx_conf::stock_file("index.html"),
        "/var/lib/nginx/html/50x.html" => crate::apps::nginx_conf::stock_file("50x.html"),
        p if p.ends_with("/figlet/standard.flf") => Some(super::figlet::STANDARD),
        "/etc/nginx/sites-available/default" => Some(NGINX_SITE),
        "/etc/nginx/nginx.conf" => crate::apps::nginx_conf::stock_file("debian-nginx.conf"),
        "/etc/nginx/snippets/fastcgi-php.conf" => crate::apps::nginx_conf::stock_file("fastcgi-php.conf"),
        p if p.starts_with("/etc/nginx/") && !p[11..].contains('/') => crate::apps::nginx_conf::stock_file(&p[11..]),
        "/var/www/html/index.nginx-debian.html" => Some(NGINX_DEBIAN_INDEX),
        _ => None,
    }
}

/// Debian's and Ubuntu's `/etc/nginx/sites-available/default`.
const NGINX_SITE: &str = "##
# You should look at the following URL's in order to grasp a solid understanding
# of Nginx configuration files in order to fully unleash the power of Nginx.
# https://www.nginx.com/resources/wiki/start/
# https://www.nginx.com/resources/wiki/start/topics/tutorials/config_pitfalls/
# https://wiki.debian.org/Nginx/DirectoryStructure
#
# In most cases, administrators will remove this file from sites-enabled/ and
# leave it as reference inside of sites-available where it will continue to be
# updated by the nginx packaging team.
#
# Please see /usr/share/doc/nginx-doc/examples/ for more detailed examples.
##

# Default server configuration
#
server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;

\troot /var/www/html;

\t# Add index.php to the list if you are using PHP
\tindex index.html index.htm index.nginx-debian.html;

\tserver_name _;

\tlocation / {
\t\t# First attempt to serve request as file, then
\t\t# as directory, then fall back to displaying a 404.
\t\ttry_files $uri $uri/ =404;
\t}
}
";

/// Debian's and Ubuntu's nginx welcome page.
const NGINX_DEBIAN_INDEX: &str = "<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
";
