-- The library of the from-db example (MariaDB/MySQL), the same schema as library-postgres.sql.
CREATE TABLE author (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    born DATE,
    INDEX author_name_ix (name)
) COMMENT 'People who write books';

CREATE TABLE book (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    title VARCHAR(300) NOT NULL,
    author_id BIGINT NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'draft',
    price DECIMAL(8, 2) COMMENT 'List price in euros',
    in_print BOOLEAN NOT NULL DEFAULT TRUE,
    added_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT book_status_ck CHECK (status IN ('draft', 'published', 'out of print')),
    CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES author (id),
    INDEX book_author_ix (author_id),
    INDEX book_status_title_ix (status, title)
);

CREATE TABLE book_tag (
    book_id BIGINT NOT NULL,
    tag VARCHAR(40) NOT NULL,
    weight INT NOT NULL DEFAULT 1,
    PRIMARY KEY (book_id, tag),
    CONSTRAINT book_tag_book_fk FOREIGN KEY (book_id) REFERENCES book (id) ON DELETE CASCADE
);

CREATE TABLE employee (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    manager_id BIGINT,
    CONSTRAINT employee_manager_fk FOREIGN KEY (manager_id) REFERENCES employee (id),
    INDEX employee_manager_ix (manager_id)
);
