server {
	listen 443 ssl;
	server_name example.com www.example.com;
	ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;
	ssl_certificate_key /etc/letsencrypt/live/example.com/privkey.pem;
	include snippets/ssl-params.conf;

	location / {
		proxy_pass http://app;
	}
}

server {
	listen 80;
	server_name example.com www.example.com;
	return 301 https://$host$request_uri;
}
