// Swagger UI over the live OpenAPI document, which follows plugins as they are installed.
window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
